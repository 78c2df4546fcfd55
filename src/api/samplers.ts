/**
 * The `samplers` namespace of `isgrad`: samplers and their `*Defaults` (METHODS §1, §3, §4, §5, §6), the
 * importance memory (α, ε), the sum tree and pmf helpers, and the diagnostics wrapper `withDiagnostics`.
 * Import the namespace and call through it: `import { samplers } from 'isgrad'`, then `samplers.<name>`;
 * types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { memoryOptions, blendMemory, epsilonFloor } from '../samplers/importance-memory.js';
export {
  activeBiasDefaults,
  createActiveBias,
  createConfidence,
  createConfVar,
} from '../samplers/active-bias.js';
export { dlisDefaults, createDlis, createPresamplingIs } from '../samplers/dlis.js';
export { emaisSamplerDefaults, createEmaisSampler } from '../samplers/emais-sampler.js';
export { createFullBatch } from '../samplers/full-batch.js';
export { LinearPmf } from '../samplers/linear-pmf.js';
export { lowDefaults, createLow } from '../samplers/low.js';
export {
  memorySamplerDefaults,
  createMemorySampler,
  createMemoryIs,
  createMemoryAs,
} from '../samplers/memory-sampler.js';
export { misSamplerDefaults, createMisSampler } from '../samplers/mis-sampler.js';
export { obsDefaults, createObs } from '../samplers/obs.js';
export { raisLiteDefaults, createRaisLite } from '../samplers/rais-lite.js';
export { selfPacedDefaults, createSelfPaced } from '../samplers/self-paced.js';
export { SumTree } from '../samplers/sum-tree.js';
export { uniformDynamicDefaults, createUniformDynamic } from '../samplers/uniform-dynamic.js';
export { createUniformReplace } from '../samplers/uniform-replace.js';
export { createUniformScan } from '../samplers/uniform-scan.js';
export { withDiagnosticsDefaults, withDiagnostics } from '../diagnostics/with-diagnostics.js';
