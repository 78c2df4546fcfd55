import { misFig2Spec } from './fig2-spec.js';

/** [MIS] Fig. 2 on poly6 (orthonormal Legendre features, η = 0.02): the stochastic methods at their noise floor. */
export const misFig2Poly6 = misFig2Spec({
  task: 'poly6',
  file: 'mis-fig2-poly6',
  lr: 0.02,
  what: 'orthonormal Legendre features, η = 0.02: gradient descent converges, the stochastic methods stop at their noise floor',
});
