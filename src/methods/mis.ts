/**
 * The multiple-importance-sampling methods of [MIS] (METHODS §4, §6.9), registered by `src/builtins.ts` with the
 * samplers 'mis' and 'full-batch' and the estimators 'mis-balance' and 'omis':
 * - 'mis-bh': balance-heuristic MIS (= IS from the mixture of the J technique pmfs, METHODS §4.2);
 * - 'omis': optimal MIS with A (and b with `accumulate: 'Ab'`) accumulated with momentum β (METHODS §4.6 form (a));
 * - 'exact': full-batch gradient descent, the reference curve of [MIS] Fig. 2.
 * Method options: `J` (`--J`, default 2; tasks override, poly6 J = 4 in Fig. 2), `beta` (`--beta`, OMIS only,
 * default 0.7), `accumulate` (`--accumulate`, OMIS only: 'A' default, or 'Ab' as printed in [MIS] Alg. 2),
 * `rows` (`--rows`, OMIS only), `alloc` (`--alloc`, samples per technique, default [] = equal), `nodes` (`--nodes`,
 * 'groups' default or 'top': techniques from C > J outputs, [MIS] §5), and the memory options `alpha`, `eps`,
 * `epsMode` (`--alpha`, `--eps`, `--eps-mode`) as for 'is'.
 * @example
 * await train({ task: 'poly6', method: 'omis', methodOptions: { J: 4, beta: 0.7, alpha: 0.2 } });
 */
import { omisOptions } from '../estimators/omis.js';
import { techniqueNodesOptions } from '../mis/node-groups.js';
import { memoryOptions } from '../samplers/importance-memory.js';
import { misOptions, misSamplerOptionSpecs } from '../samplers/mis-sampler.js';
import { pickMethodOptions, type MethodSpec } from './method-spec.js';

/**
 * Method options shared by 'mis-bh' and 'omis': {@link misOptions} (`--J`, `--alloc`), {@link memoryOptions} and
 * {@link techniqueNodesOptions} (`--nodes`, read by the estimator, not the sampler).
 */
export const misMethodOptions = Object.freeze({ ...misOptions, ...memoryOptions, ...techniqueNodesOptions });

const misSamplerOptions = pickMethodOptions(
  Object.keys(misMethodOptions).filter((k) => k in misSamplerOptionSpecs),
);

/** 'mis-bh', 'omis', 'exact', in registration order. */
export const misMethods: readonly MethodSpec[] = Object.freeze<MethodSpec[]>([
  {
    name: 'mis-bh',
    sampler: 'mis',
    estimator: 'mis-balance',
    description: 'balance-heuristic MIS over J output-gradient techniques (= mixture IS; METHODS §4.2)',
    usesImportance: false,
    options: misMethodOptions,
    samplerOptions: misSamplerOptions,
  },
  {
    name: 'omis',
    sampler: 'mis',
    estimator: 'omis',
    description: 'optimal MIS, linear system with momentum β, Σ_j α_j ([MIS] Alg. 2; METHODS §4.6)',
    usesImportance: false,
    options: { ...misMethodOptions, ...omisOptions },
    samplerOptions: misSamplerOptions,
  },
  {
    name: 'exact',
    sampler: 'full-batch',
    description: 'full-batch gradient descent, the exact-gradient reference ([MIS] Fig. 2; METHODS §6.9)',
    usesImportance: false,
    samplerOptions: () => ({}),
  },
]);
