/**
 * The `importance` namespace of `isgrad`: importance functions (METHODS §2): the per-sample scores a sampler
 * draws from (the registry is at the top level). Import the namespace and call through it: `import {
 * importance } from 'isgrad'`, then `importance.<name>`; types are at the top level (docs/guide.md,
 * "Library").
 *
 * @module
 */

export { dlisLastLayerImportance } from '../importance/dlis-last-layer.js';
export { perSampleGradNorms, fullGradImportance } from '../importance/full-grad.js';
export { lossImportance } from '../importance/loss.js';
export { outputGradAutodiff, outputGradAutodiffImportance } from '../importance/output-grad-autodiff.js';
export { outputGrad, outputGradImportance } from '../importance/output-grad.js';
