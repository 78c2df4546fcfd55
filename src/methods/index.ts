/**
 * Registers every method beyond the built-in ones (uniform, uniform-replace, is, as): importing this module
 * adds the multiple-importance-sampling methods (mis-bh, omis, exact), EMAIS and the baselines to the
 * sampler, estimator and method registries.
 */
import './mis.js';
import './emais.js';
import './baselines.js';
