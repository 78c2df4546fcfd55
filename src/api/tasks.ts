/**
 * The `tasks` namespace of `isgrad`: task factories (the registry, `registerTask`, `getTask` and
 * `taskNames`, is at the top level). Import the namespace and call through it: `import { tasks } from
 * 'isgrad'`, then `tasks.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { createCifarResnetTask } from '../tasks/cifar-resnet.js';
export { reconstruct, createImageSirenTask } from '../tasks/image-siren.js';
export { createPointcloudTask } from '../tasks/pointcloud.js';
export { createPoly6Task } from '../tasks/poly6.js';
