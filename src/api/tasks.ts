/**
 * isgrad `tasks`: Task factories (`registerTask`, `getTask` and `taskNames` are at the top level).
 * Reached as `import { tasks } from 'isgrad'`, then `tasks.name`.
 *
 * @module
 */

export { createCifarResnetTask } from '../tasks/cifar-resnet.js';
export { reconstruct, createImageSirenTask } from '../tasks/image-siren.js';
export { createPointcloudTask } from '../tasks/pointcloud.js';
export { createPoly6Task } from '../tasks/poly6.js';
