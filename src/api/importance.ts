/**
 * isgrad `importance`: Importance functions (METHODS §2): per-sample scores a sampler draws from.
 * Reached as `import { importance } from 'isgrad'`, then `importance.name`.
 *
 * @module
 */

export { dlisLastLayerImportance } from '../importance/dlis-last-layer.js';
export { perSampleGradNorms, fullGradImportance } from '../importance/full-grad.js';
export { lossImportance } from '../importance/loss.js';
export { outputGradAutodiff, outputGradAutodiffImportance } from '../importance/output-grad-autodiff.js';
export { outputGrad, outputGradImportance } from '../importance/output-grad.js';
