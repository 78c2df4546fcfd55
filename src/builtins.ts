/**
 * The one place that registers the kit's built-ins: tasks, losses, importance functions, samplers, estimators
 * and methods, into the generic registries of `src/registry/registry.ts`.
 *
 * Why here, and why by import: the registries live low (samplers/, estimators/, ...) and must not import the
 * modules above them, so the built-ins cannot be pulled in lazily by a registry's `get`. This module sits at the
 * top instead and is imported once by every entry point — `src/index.ts` (the package), `src/cli/main.ts` (the
 * CLI), the experiment drivers — so anything that reaches the trainer through an entry point finds the
 * built-ins registered. Code that imports a low module directly (a test of `createTrainer`, a script) imports
 * this module first. A registry that is still empty says so in its "unknown name" error.
 * Registration is idempotent: a second import or call of {@link registerBuiltins} does nothing.
 * @example
 * import './builtins.js';
 * getMethod('omis').sampler; // 'mis'
 */
import { canonicalJson } from './records/config-hash.js';
import { createMisBalanceEstimator } from './estimators/mis-balance.js';
import { createOmisEstimator } from './estimators/omis.js';
import { estimatorRegistry, registerEstimator } from './estimators/registry.js';
import { createWeightedLossEstimator } from './estimators/weighted-loss.js';
import { dlisLastLayerImportance } from './importance/dlis-last-layer.js';
import { fullGradImportance } from './importance/full-grad.js';
import { lossImportance } from './importance/loss.js';
import { outputGradAutodiffImportance } from './importance/output-grad-autodiff.js';
import { outputGradImportance } from './importance/output-grad.js';
import { importanceRegistry, registerImportance } from './importance/registry.js';
import { meanSquaredError } from './losses/mse.js';
import { registerLoss } from './losses/registry.js';
import { softmaxCrossEntropy } from './losses/softmax-ce.js';
import { baselineMethods } from './methods/baselines.js';
import { coreMethods } from './methods/core.js';
import { emaisMethods } from './methods/emais.js';
import { methodRegistry, registerMethod } from './methods/method-spec.js';
import { misMethods } from './methods/mis.js';
import { activeBiasOptions, createConfidence, createConfVar } from './samplers/active-bias.js';
import { createDlis, createPresamplingIs, dlisOptions } from './samplers/dlis.js';
import { createEmaisSampler, emaisOptions } from './samplers/emais-sampler.js';
import { createFullBatch } from './samplers/full-batch.js';
import { createLow, lowOptions } from './samplers/low.js';
import { createMemoryAs, createMemoryIs, memorySamplerOptionSpecs } from './samplers/memory-sampler.js';
import { createMisSampler, misSamplerOptionSpecs } from './samplers/mis-sampler.js';
import { createObs, obsOptions } from './samplers/obs.js';
import { createRaisLite, raisLiteOptions } from './samplers/rais-lite.js';
import { registerSampler, samplerRegistry } from './samplers/registry.js';
import { createSelfPaced, selfPacedOptions } from './samplers/self-paced.js';
import type { SamplerFactory } from './samplers/types.js';
import { createUniformDynamic, uniformDynamicOptions } from './samplers/uniform-dynamic.js';
import { createUniformReplace } from './samplers/uniform-replace.js';
import { createUniformScan } from './samplers/uniform-scan.js';
import { cifarResnetTask } from './tasks/cifar-resnet.js';
import { fmnistLenetTask } from './tasks/fmnist-lenet.js';
import { imageSirenTask } from './tasks/image-siren.js';
import { mnistMlpTask } from './tasks/mnist-mlp.js';
import { noiseLabelsTask } from './tasks/noise-labels.js';
import { pointcloudModelNet40Task, pointcloudTask } from './tasks/pointcloud.js';
import { poly6MonomialTask, poly6Task } from './tasks/poly6.js';
import { registerTask, taskRegistry } from './tasks/registry.js';
import { toy2dTask } from './tasks/toy2d.js';

/** Built-in samplers: registry name → factory and accepted option keys (in registration order). */
const builtinSamplers: ReadonlyArray<[string, SamplerFactory, readonly string[]]> = [
  ['uniform', createUniformScan, []],
  ['uniform-replace', createUniformReplace, []],
  ['is', createMemoryIs, Object.keys(memorySamplerOptionSpecs)],
  ['as', createMemoryAs, Object.keys(memorySamplerOptionSpecs)],
  ['mis', createMisSampler, Object.keys(misSamplerOptionSpecs)],
  ['full-batch', createFullBatch, []],
  ['emais', createEmaisSampler, Object.keys(emaisOptions)],
  ['uniform-dynamic', createUniformDynamic, Object.keys(uniformDynamicOptions)],
  ['dlis', createDlis, Object.keys(dlisOptions)],
  ['presampling-is', createPresamplingIs, Object.keys(dlisOptions).filter((k) => k !== 'useSwitch')],
  ['low', createLow, Object.keys(lowOptions)],
  ['rais', createRaisLite, Object.keys(raisLiteOptions)],
  ['confidence', createConfidence, Object.keys(activeBiasOptions)],
  ['confvar', createConfVar, Object.keys(activeBiasOptions)],
  ['self-paced', createSelfPaced, Object.keys(selfPacedOptions)],
  ['obs', createObs, Object.keys(obsOptions)],
];

/**
 * Registers every built-in once (later calls do nothing). Called when this module is imported.
 * @example
 * registerBuiltins(); // no-op after the first call
 */
export function registerBuiltins(): void {
  if (methodRegistry.has('uniform')) return; // already registered (methods are registered last)
  for (const t of [
    poly6Task,
    poly6MonomialTask,
    toy2dTask,
    mnistMlpTask,
    fmnistLenetTask,
    imageSirenTask,
    noiseLabelsTask,
    pointcloudTask,
    pointcloudModelNet40Task,
    cifarResnetTask,
  ]) {
    registerTask(t);
  }
  registerLoss(softmaxCrossEntropy);
  registerLoss(meanSquaredError);
  for (const f of [
    lossImportance,
    outputGradImportance,
    outputGradAutodiffImportance,
    dlisLastLayerImportance,
    fullGradImportance,
  ]) {
    registerImportance(f);
  }
  for (const [name, factory, optionNames] of builtinSamplers) registerSampler(name, factory, { optionNames });
  registerEstimator('weighted-loss', () => createWeightedLossEstimator());
  registerEstimator('mis-balance', createMisBalanceEstimator);
  registerEstimator('omis', createOmisEstimator);
  for (const m of [...coreMethods, ...misMethods, ...emaisMethods, ...baselineMethods]) registerMethod(m);
  for (const [kind, registry] of Object.entries(registries)) {
    for (const name of registry.names()) builtinRecords.set(`${kind}\u0000${name}`, registry.get(name));
  }
}

/** The registries a run reads by name, by the `kind` of {@link UserRegistration}. */
const registries = {
  task: taskRegistry,
  method: methodRegistry,
  sampler: samplerRegistry,
  estimator: estimatorRegistry,
  importance: importanceRegistry,
} as const;

/** The record each built-in name held right after {@link registerBuiltins}: `${kind}\0${name}` → record. */
const builtinRecords = new Map<string, unknown>();

/** One registration a run uses that is not the kit's own (see {@link userRegistrations}). */
export interface UserRegistration {
  kind: keyof typeof registries;
  name: string;
  /**
   * The registration's source text: its data fields as canonical JSON and its functions as their source
   * (`Function.prototype.toString`), so an edited function gives a different text. Helpers the functions call
   * are not included.
   */
  source: string;
}

/** Wrapper record → the record it wraps (see {@link adoptBuiltinWrapper}): its source text is the wrapped one's. */
const wrapped = new WeakMap<object, unknown>();

/** Canonical text of a registered record: keys sorted, functions as their source text. */
function sourceText(v: unknown): string {
  const inner = typeof v === 'object' && v !== null ? wrapped.get(v) : undefined;
  if (inner !== undefined) return sourceText(inner);
  return canonicalJson(v, (f) => `function:${JSON.stringify(f.toString())}`);
}

/**
 * Tells {@link userRegistrations} that the registration now under a name is the previous one in a different
 * wrapper (e.g. the sweep worker's task-instance cache): runs that use a wrapped built-in keep the built-in's run
 * key, and a wrapped user registration keeps the source text (and so the run key) of the code it wraps.
 * @param kind the registry, e.g. 'task'.
 * @param name the registered name.
 * @param previous the record the name held before the wrapper was registered.
 * @example
 * const spec = getTask('poly6');
 * registerTask({ ...spec, create: cached(spec.create) }, { override: true });
 * adoptBuiltinWrapper('task', 'poly6', spec);
 */
export function adoptBuiltinWrapper(kind: keyof typeof registries, name: string, previous: unknown): void {
  const key = `${kind}\u0000${name}`;
  const now: unknown = registries[kind].get(name);
  if (builtinRecords.get(key) === previous) builtinRecords.set(key, now);
  else if (typeof now === 'object' && now !== null && now !== previous) wrapped.set(now, previous);
}

/**
 * Every registration of this process that is not a built-in, as `${kind}\0${name}` → its source text (see
 * {@link UserRegistration.source}). A sweep worker reports it after its preloads, so that the runner can tell a
 * registration the workers have (the same code) from one made in the runner's process only.
 * @example
 * userRegistrationSources().size; // 0 with the built-ins only
 */
export function userRegistrationSources(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [kind, registry] of Object.entries(registries)) {
    for (const name of registry.names()) {
      const record: unknown = registry.get(name);
      const key = `${kind}\u0000${name}`;
      if (builtinRecords.get(key) !== record) out.set(key, sourceText(record));
    }
  }
  return out;
}

/**
 * The registrations a run reads (its task, method, the method's sampler and estimator, and the importance
 * function) that are **not** the kit's built-ins: registered by user code (a notebook cell, a script), or a
 * built-in name replaced with `{ override: true }`. Such code exists only in the process that registered it, so
 * the sweep runner's worker processes cannot run it (`runComparison` trains those runs in this process), and the
 * kit's code hash does not cover it (`runOrLoad` adds the {@link UserRegistration.source} texts to the run key, so
 * an edited function trains again instead of loading the old results).
 * @param run `task`, `method` (registered names) and `importance` (default: the method's own, else none).
 * @returns one entry per non-built-in registration, in the order task, method, sampler, estimator, importance;
 *   [] for a run of built-ins only.
 * @example
 * userRegistrations({ task: 'poly6', method: 'is', importance: 'output-grad' }); // []
 * registerImportance({ name: 'my-phi', cheap: true, score: (ctx) => ctx.losses.sqrt() });
 * userRegistrations({ task: 'poly6', method: 'is', importance: 'my-phi' }); // [{ kind: 'importance', name: 'my-phi', source: '…' }]
 */
export function userRegistrations(run: {
  task: string;
  method: string;
  importance?: string;
}): UserRegistration[] {
  const method = methodRegistry.get(run.method);
  const used: [keyof typeof registries, string | undefined][] = [
    ['task', run.task],
    ['method', run.method],
    ['sampler', method.sampler],
    ['estimator', method.estimator ?? 'weighted-loss'],
    ['importance', run.importance ?? method.importance],
  ];
  const out: UserRegistration[] = [];
  for (const [kind, name] of used) {
    if (name === undefined) continue;
    const record: unknown = registries[kind].get(name);
    if (builtinRecords.get(`${kind}\u0000${name}`) === record) continue;
    out.push({ kind, name, source: sourceText(record) });
  }
  return out;
}

registerBuiltins();
