import { LR_ADJUST_MODES } from '../emais/lr-adjust.js';
import { emaisOptions } from '../samplers/emais-sampler.js';
import { uniformDynamicOptions } from '../samplers/uniform-dynamic.js';
import type { TrainConfig } from '../train/config.js';
import type { MethodSpec } from './method-spec.js';

/**
 * Names of the 'emais' and 'uniform-dynamic' methods (METHODS §5, [EMAIS] Algorithms 1–2 and Fig. 2), registered
 * by `src/builtins.ts` with their samplers.
 * @example
 * await train({ task: 'fmnist-lenet', method: 'emais', methodOptions: { maxDup: 2 } });
 */
export const emaisMethodNames: readonly string[] = Object.freeze(['emais', 'uniform-dynamic']);

const emaisMethod: MethodSpec = {
  name: 'emais',
  sampler: 'emais',
  description: 'EMAIS: moving mean+std of logit-gradient norms, capped IS, Eq. 8 LR adjustment (METHODS §5)',
  usesImportance: false,
  // METHODS §5.10: EMAIS's norms are logit-gradient norms ‖u_i‖; the state refresh (--refresh-every) scores with it
  importance: 'output-grad',
  options: {
    ...emaisOptions,
    // the method adds 'auto', resolved from the optimiser below (METHODS §5.6)
    lrAdjust: {
      ...emaisOptions.lrAdjust,
      default: 'auto',
      values: ['auto', ...LR_ADJUST_MODES],
      help: 'Eq. 8 learning-rate factor: linear B_eff/B, sqrt, off; auto = sqrt for Adam, else linear',
    },
  },
  samplerOptions: (c) => {
    if ((c.methodOptions.refreshEvery as number) > 0 && c.importance !== 'output-grad') {
      throw new Error(
        `--refresh-every (method emais) feeds ‖u_i‖ to UpdateStats ([EMAIS] Eq. 9) and needs --importance ` +
          `output-grad, got '${c.importance}'`,
      );
    }
    return emaisSamplerOptions(c);
  },
};

/** The sampler options of the 'emais' method: 'auto' resolved from the optimiser. */
function emaisSamplerOptions(c: TrainConfig): Record<string, unknown> {
  return {
    ...c.methodOptions,
    // METHODS §5.6: square-root rule for adaptive optimisers
    lrAdjust:
      c.methodOptions.lrAdjust === 'auto'
        ? c.optimizer === 'adam'
          ? 'sqrt'
          : 'linear'
        : c.methodOptions.lrAdjust,
  };
}

const uniformDynamicMethod: MethodSpec = {
  name: 'uniform-dynamic',
  sampler: 'uniform-dynamic',
  description:
    'SGD-Uni with a per-step batch size list (e.g. EMAIS B_eff) and linear LR scaling ([EMAIS] Fig. 2)',
  usesImportance: false,
  options: uniformDynamicOptions,
  samplerOptions: (c) => ({ ...c.methodOptions }),
};

/** 'emais', 'uniform-dynamic', in registration order. */
export const emaisMethods: readonly MethodSpec[] = Object.freeze<MethodSpec[]>([
  emaisMethod,
  uniformDynamicMethod,
]);
