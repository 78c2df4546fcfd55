import { packState, statePart, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { loadStateOf, saveStateOf } from './sampler-state.js';
import { resolveOptions, type OptionSpec } from '../options/option-spec.js';
import { projectToSimplex } from '../baselines/project-to-simplex.js';
import { createUniformScan } from './uniform-scan.js';
import type { ForwardDecision, ForwardInfo, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Hyper-parameters of LOW (METHODS §6.3, §9). */
export interface LowOptions {
  /** λ_LOW > 0, the pull of the weights toward 1. Default 0.1 (official code). */
  lambdaLow: number;
  /**
   * 'official' (default): γ_b = ‖u_b‖/B, the gradient of the batch *mean* loss, as in the official code (weights
   * then stay within ≈ ±2.5e-3 of 1 at B = 64, METHODS §6.3 fidelity note); 'per-sample': γ_b = ‖u_b‖.
   */
  gammaScale: 'official' | 'per-sample';
}

/** Declarations of {@link LowOptions} (METHODS §6.3, §9), checked here and reused by the 'low' method. */
export const lowOptions = Object.freeze({
  lambdaLow: {
    kind: 'number',
    default: 0.1,
    min: 0,
    minExclusive: true,
    help: 'λ_LOW, pull of the weights toward 1',
  },
  gammaScale: {
    kind: 'enum',
    default: 'official',
    values: ['official', 'per-sample'],
    help: "γ_b = ‖u_b‖/B as in the official code ('official', weights ≈ 1) or ‖u_b‖ ('per-sample')",
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link LowOptions}: `{ lambdaLow: 0.1, gammaScale: 'official' }`. */
export const lowDefaults: Readonly<LowOptions> = Object.freeze({
  lambdaLow: lowOptions.lambdaLow.default,
  gammaScale: lowOptions.gammaScale.default as LowOptions['gammaScale'],
});

/**
 * LOW per-batch weights in closed form ([LOW] QP as in the official code; METHODS §6.3):
 * w = argmin λ‖w‖² − Σ_b (γ_b² + λ) w_b  s.t. w ≥ 0, Σ w = B, i.e. w = Π_{Δ_B}(c) with c_b = ½ + γ_b²/(2λ).
 * @param gamma γ_b ≥ 0 (B), the per-sample output-gradient norms (already scaled, see {@link LowOptions}).
 * @param lambdaLow λ_LOW > 0. Default 0.1.
 * @returns w (B), w ≥ 0, Σ w = B.
 * @example
 * lowWeights(Float64Array.of(0, 0)); // [1, 1]
 * lowWeights(Float64Array.of(0, 1), 0.5); // c = [0.5, 1.5] → [0.5, 1.5]
 */
export function lowWeights(gamma: ArrayLike<number>, lambdaLow = lowDefaults.lambdaLow): Float64Array {
  if (!(Number.isFinite(lambdaLow) && lambdaLow > 0)) {
    throw new RangeError(`low: lambdaLow must be a finite number > 0, got ${lambdaLow}`);
  }
  const B = gamma.length;
  const c = new Float64Array(B); // (B)
  for (let b = 0; b < B; b++) {
    const g = gamma[b];
    if (!(Number.isFinite(g) && g >= 0)) {
      throw new RangeError(`low: gamma[${b}] must be finite and ≥ 0, got ${g}`);
    }
    c[b] = 0.5 + (g * g) / (2 * lambdaLow); // METHODS §6.3: c_b = ½ + γ_b²/(2λ_LOW)
  }
  return projectToSimplex(c, B); // METHODS §6.3: w = Π_{Δ_B}(c)
}

/**
 * LOW ([LOW], Santiago et al. 2021): SGD-Scan minibatches reweighted every step by {@link lowWeights} from the
 * output gradients of the step's own forward pass (`needs.outputGrad`); the loss is (1/B) Σ w_b ℓ_b with w
 * constant. Biased (adaptive weighting, METHODS §1.3).
 *
 * Diagnostics per step: `lowWeightMin`, `lowWeightMax` (the weight spread; ≈ 1 ± 2.5e-3 with the official scaling).
 *
 * @param ctx N ≥ 1, B in [1, N], the sampler's rng (for the epoch permutations).
 * @param options partial {@link LowOptions}; defaults {@link lowDefaults}.
 * @example
 * const s = createLow({ n: 100, batchSize: 10, rng: createRng(1) }, { lambdaLow: 0.1 });
 */
export function createLow(ctx: SamplerContext, options: Record<string, unknown> = {}): Sampler {
  const { lambdaLow, gammaScale } = resolveOptions('low', lowOptions, options) as unknown as LowOptions;
  const scan = createUniformScan(ctx);
  let wMin = 1;
  let wMax = 1;
  return {
    ...scan,
    name: 'low',
    needs: { outputGrad: true },
    observe(obs: Observation): void {
      checkObservation('low', obs);
      scan.observe(obs);
    },
    afterForward(info: ForwardInfo): ForwardDecision {
      const u = info.outputGrad;
      if (u === undefined) throw new Error('low: afterForward needs info.outputGrad (B × C)');
      const B = info.batch.indices.length;
      const C = info.numOutputs;
      const scale = gammaScale === 'official' ? 1 / B : 1; // METHODS §6.3: γ = ‖∂(mean ℓ)/∂m_b‖ = ‖u_b‖/B
      const gamma = new Float64Array(B); // (B)
      for (let b = 0; b < B; b++) {
        let s = 0;
        for (let k = 0; k < C; k++) s += u[b * C + k] ** 2;
        gamma[b] = Math.sqrt(s) * scale;
      }
      const weights = lowWeights(gamma, lambdaLow); // (B)
      wMin = Math.min(...weights);
      wMax = Math.max(...weights);
      return { weights };
    },
    diagnostics: () => ({ lowWeightMin: wMin, lowWeightMax: wMax }),
    saveState: (): SamplerState => packState('low', { wMin, wMax }, { scan: saveStateOf(scan) }),
    loadState(state: SamplerState): void {
      ({ wMin, wMax } = unpackState<{ wMin: number; wMax: number }>('low', state));
      loadStateOf(scan, statePart('low', state, 'scan'));
    },
  };
}
