/**
 * Registers the multiple-importance-sampling methods of [MIS] (METHODS §4, §6.9) when imported:
 * samplers 'mis' and 'full-batch', estimators 'mis-balance' and 'omis', and the methods
 * - 'mis-bh': balance-heuristic MIS (= IS from the mixture of the J technique pmfs, METHODS §4.2);
 * - 'omis': optimal MIS with A, b accumulated with momentum β (METHODS §4.6 form (a));
 * - 'exact': full-batch gradient descent, the reference curve of [MIS] Fig. 2.
 * Method options: `J` (`--J`, default 2; tasks override, poly6 J = 4 in Fig. 2), `beta` (`--beta`, OMIS only,
 * default 0.7), `accumulate` (`--accumulate`, OMIS only: 'A' default, or 'Ab' as printed in [MIS] Alg. 2),
 * `alloc` (`--alloc`, samples per technique, default [] = equal), `nodes` (`--nodes`, 'groups' default or 'top':
 * techniques from C > J outputs, [MIS] §5). α_q, ε, ε-mode come from the
 * config's `alpha`, `eps`, `epsMode`, as for 'is'.
 * @example
 * import './methods/mis.js';
 * await train({ task: 'poly6', method: 'omis', methodOptions: { J: 4, beta: 0.7 } });
 */
import { createMisBalanceEstimator } from '../estimators/mis-balance.js';
import { createOmisEstimator } from '../estimators/omis.js';
import { techniqueNodesValues } from '../mis/node-groups.js';
import { registerEstimator } from '../estimators/registry.js';
import { createFullBatch } from '../samplers/full-batch.js';
import { createMisSampler, misSamplerDefaults } from '../samplers/mis-sampler.js';
import { registerSampler, samplerNames } from '../samplers/registry.js';
import type { TrainConfig } from '../train/config.js';
import { methodNames, registerMethod, type MethodOption } from '../train/methods.js';

/** Method options shared by 'mis-bh' and 'omis' (CLI `--J`, `--alloc`). */
export const misMethodOptions: Readonly<Record<string, MethodOption>> = Object.freeze({
  J: {
    kind: 'int',
    default: 2,
    min: 1,
    help: 'number of MIS techniques J (output nodes / coefficient groups)',
  },
  alloc: {
    kind: 'list',
    default: [],
    help: 'samples per technique n_j (J integers summing to B); [] = equal',
  },
  nodes: {
    kind: 'enum',
    default: 'groups',
    values: techniqueNodesValues,
    help: "C > J outputs: J node groups, q_j = ‖u_G_j‖ ('groups'), or the top-J single nodes ('top') (MIS §5)",
  },
});

const misSamplerOptions = (c: TrainConfig) => ({
  J: c.methodOptions.J,
  alloc: c.methodOptions.alloc,
  alpha: c.alpha,
  eps: c.eps,
  epsMode: c.epsMode,
});

if (!samplerNames().includes('mis')) {
  registerSampler('mis', createMisSampler, { optionNames: Object.keys(misSamplerDefaults) });
  registerSampler('full-batch', createFullBatch, { optionNames: [] });
  registerEstimator('mis-balance', createMisBalanceEstimator);
  registerEstimator('omis', createOmisEstimator);
}

if (!methodNames().includes('omis')) {
  registerMethod({
    name: 'mis-bh',
    sampler: 'mis',
    estimator: 'mis-balance',
    description: 'balance-heuristic MIS over J output-gradient techniques (= mixture IS; METHODS §4.2)',
    usesImportance: false,
    options: misMethodOptions,
    samplerOptions: misSamplerOptions,
  });
  registerMethod({
    name: 'omis',
    sampler: 'mis',
    estimator: 'omis',
    description: 'optimal MIS, linear system with momentum β, Σ_j α_j (Salaün Alg. 2; METHODS §4.6)',
    usesImportance: false,
    options: {
      ...misMethodOptions,
      beta: { kind: 'number', default: 0.7, min: 0, max: 0.999, help: 'momentum β of the OMIS system' },
      accumulate: {
        kind: 'enum',
        default: 'A',
        values: ['A', 'Ab'],
        help: "what β accumulates: A only, b fresh per batch ('A'), or A and b as in MIS Alg. 2 ('Ab')",
      },
      rows: {
        kind: 'enum',
        default: 'auto',
        values: ['auto', 'passes'],
        help: "β > 0: rows of b from one traced backward pass when the model is dense-only ('auto'), or J passes",
      },
    },
    samplerOptions: misSamplerOptions,
  });
  registerMethod({
    name: 'exact',
    sampler: 'full-batch',
    description: 'full-batch gradient descent, the exact-gradient reference (MIS Fig. 2; METHODS §6.9)',
    usesImportance: false,
    samplerOptions: () => ({}),
  });
}
