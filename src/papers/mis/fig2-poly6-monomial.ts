import { misFig2Spec } from './fig2-spec.js';

/** [MIS] Fig. 2 on poly6-monomial (Gram condition number 1.0e4, η = 0.05): optimisation-limited. */
export const misFig2Poly6Monomial = misFig2Spec({
  task: 'poly6-monomial',
  file: 'mis-fig2-poly6-monomial',
  lr: 0.05,
  what: 'monomial features (Gram condition number 1.0e4), η = 0.05: optimisation-limited, gradient descent is still far from θ*',
});
