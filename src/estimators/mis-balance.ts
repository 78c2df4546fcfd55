import { packState, unpackState } from '../checkpoint/state-codec.js';
import * as tf from '@tensorflow/tfjs';
import { isMisSampler } from '../samplers/mis-sampler.js';
import type { EstimatorContext } from './registry.js';
import type { EstimatorInput, EstimatorOutput, GradientEstimator, StepWeights } from './types.js';
import { createWeightedLossEstimator } from './weighted-loss.js';
import { feedTechniqueScores } from './feed-technique-scores.js';
import { resolveTechniqueNodes } from '../mis/node-groups.js';

/**
 * Balance-heuristic MIS ([Veach]; METHODS §4.2): the MIS sampler already weights each row by
 * λ_b = B/(N S(x_b)), so the estimate Ĝ_BH = Σ_s f(x_s)/S(x_s) = (1/B) Σ_b λ_b ∇ℓ_b is one weighted backward pass
 * (IS from the mixture p_mix = S/B). This estimator is that pass plus the technique scores fed to the sampler.
 * @param ctx `ctx.sampler` must be a MIS sampler ('mis'); `ctx.options.nodes` 'groups' (default) or 'top' (techniques
 *   from C > J outputs, see {@link resolveTechniqueNodes}).
 * @example
 * const est = createMisBalanceEstimator({ n: 100, options: {}, sampler: createMisSampler(...) });
 */
export function createMisBalanceEstimator(ctx: EstimatorContext): GradientEstimator {
  const { sampler } = ctx;
  if (!isMisSampler(sampler)) {
    throw new Error(`mis-balance estimator: needs the 'mis' sampler, got '${sampler.name}'`);
  }
  const nodes = resolveTechniqueNodes(ctx.options.nodes, 'mis-balance');
  const inner = createWeightedLossEstimator();
  return {
    name: 'mis-balance',
    estimate<D extends StepWeights>(input: EstimatorInput<D>): EstimatorOutput<D> {
      const out = inner.estimate(input); // METHODS §4.2: (1/B) Σ_b λ_b ℓ_b, λ = 1/(N p_mix)
      try {
        feedTechniqueScores(sampler, input.loss, out.output, out.hidden, input.y, nodes);
      } catch (e) {
        tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
        throw e;
      }
      return out;
    },
    saveState: () => packState('mis-balance', {}), // stateless (the memory lives in the sampler)
    loadState: (state) => void unpackState('mis-balance', state),
    dispose() {},
  };
}
