/**
 * The `models` namespace of `isgrad`: models and their `*Defaults`: LeNet-5, linear, MLP, PointNet, a small
 * ResNet, SIREN. Import the namespace and call through it: `import { models } from 'isgrad'`, then
 * `models.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { lenet5Defaults, createLeNet5 } from '../models/lenet5.js';
export { linearModelDefaults, createLinearModel } from '../models/linear.js';
export { mlpDefaults, createMlp } from '../models/mlp.js';
export { pointNetDefaults, createPointNet } from '../models/pointnet.js';
export { resNetSmallDefaults, createResNetSmall } from '../models/resnet-small.js';
export { sirenDefaults, createSiren } from '../models/siren.js';
