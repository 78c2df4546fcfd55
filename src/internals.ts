/**
 * isgrad/internals: the public API plus the kit's internal building blocks (kernels, option plumbing, file
 * protocols, per-figure experiment drivers). For tests and for readers who want to reuse a piece; these names
 * may change between versions without notice. Researchers use `isgrad` (src/index.ts).
 */

export * from './index.js';

// Notebook display plumbing (isgrad/notebook has only what a notebook author calls)
export { setDisplaySink, type DisplaySink } from './notebook/display.js';
export {
  showDefaults,
  figureBundle,
  plotlyLoaderBundle,
  resetPlotlyLoaded,
  PLOTLY_MIME,
} from './notebook/show.js';
export { tableBundle, tableDefaults } from './notebook/table.js';
export { imageBundle, imageDefaults } from './notebook/image.js';
export { scriptJson } from './notebook/script-json.js';
export { showFiguresDefaults, readGalleryFigure } from './notebook/show-figures.js';
export {
  executeNotebook,
  executeNotebookDefaults,
  firstFailure,
  formatFailure,
  type CellFailure,
  type ExecuteNotebookOptions,
  type NotebookJson,
  type NotebookRun,
} from './notebook/execute-notebook.js';
export { installTableInspect } from './notebook/table-inspect.js';

// Registries and declared options
export { createRegistry } from './registry/registry.js';
export { optionFlag, checkOption, describeOption, resolveOptions } from './options/option-spec.js';
export { initEpochsOption } from './samplers/importance-memory.js';

// Randomness
export { fnv1a } from './random/fnv1a.js';
export { cumulativeSum, drawFromCdf, searchCdf } from './random/sample-cdf.js';

// Data
export { cifarDefaults, cifarDirEnv } from './data/cifar.js';
export { sizeOf, gatherRows, range } from './data/dataset.js';
export { fashionMnistDefaults, fashionMnistDirEnv, findFashionMnist } from './data/fashion-mnist.js';
export { parseIdx } from './data/idx.js';
export type { IdxTensor } from './data/idx.js';
export { mnistDefaults } from './data/mnist.js';
export { modelNet40Defaults, modelNet40DirEnv } from './data/modelnet40.js';
export { parseOff, samplePointsOnMesh, normalizeToUnitSphere } from './data/off-mesh.js';
export type { OffMesh } from './data/off-mesh.js';
export { boxDownscale } from './data/png-image.js';
export { poly6Bases, poly6Defaults, legendreFeatures, monomialFeatures, poly6Loss } from './data/poly6.js';
export { shapes3dClassNames, shapes3dDefaults } from './data/shapes3d.js';
export { toy2dDefaults, toy2dLabel } from './data/toy2d.js';

// Losses
export { lossRegistry } from './losses/registry.js';

// Models
export { conv2dOpDefaults, conv2dOp } from './models/conv2d.js';
export type { Conv2dPadding, Conv2dOpOptions } from './models/conv2d.js';
export { denseDefaults, traceDenseBackward, createDense, denseFromValues } from './models/dense.js';
export type { DenseLayer, DenseOptions, DenseTrace } from './models/dense.js';
export {
  initNames,
  glorotUniform,
  heUniform,
  heNormal,
  lecunUniform,
  zeros,
  initialize,
} from './models/init.js';
export type { InitName, Fans } from './models/init.js';

// Importance functions (METHODS §2)
export { importanceRegistry } from './importance/registry.js';

// Samplers (METHODS §1, §3, §4, §5, §6)
export { activeBiasScore } from './samplers/active-bias.js';
export { dlisTauTerm } from './samplers/dlis.js';
export { emaisOptions } from './samplers/emais-sampler.js';
export { lowWeights } from './samplers/low.js';
export { memorySamplerOptionSpecs } from './samplers/memory-sampler.js';
export { misOptions, misSamplerOptionSpecs, isMisSampler } from './samplers/mis-sampler.js';
export { obsRankPmf } from './samplers/obs.js';
export { raisGainRatio } from './samplers/rais-lite.js';
export { samplerRegistry, validateSamplerContext } from './samplers/registry.js';
export { selfPacedThreshold } from './samplers/self-paced.js';
export { uniformDynamicOptions } from './samplers/uniform-dynamic.js';

// Gradient estimators (METHODS Eq. 1.1, §4)
export { feedTechniqueScores } from './estimators/feed-technique-scores.js';
export { omisOptions } from './estimators/omis.js';
export { estimatorRegistry } from './estimators/registry.js';

// Multiple importance sampling (METHODS §4)
export { accumulateA, accumulateB, PINV_RCOND } from './mis/omis-system.js';
export { coefficientGroups, techniqueScores } from './mis/technique-scores.js';
export type { TechniqueScores } from './mis/technique-scores.js';
export {
  nodeGroupScores,
  resolveTechniqueNodes,
  techniqueNodesOptions,
  techniqueNodesValues,
} from './mis/node-groups.js';
export type { TechniqueNodes } from './mis/node-groups.js';
export {
  conditionNumber,
  minTechniqueMass,
  omisDiagnostics,
  symmetricEigenvalues,
} from './mis/omis-diagnostics.js';
export type { OmisDiagnostics, OmisDiagnosticsInput } from './mis/omis-diagnostics.js';

// EMAIS (METHODS §5)
export { capThreshold, mixRho } from './emais/capped-pmf.js';
export { datasetGradients } from './emais/exact-traces.js';

// Baselines (METHODS §6)
export { projectToSimplex } from './baselines/project-to-simplex.js';

// Training
export {
  methodRegistry,
  checkMethodOption,
  resolveMethodOptions,
  pickMethodOptions,
} from './methods/method-spec.js';

// Methods
export { coreMethods } from './methods/core.js';
export { baselineMethodNames, baselineMethods } from './methods/baselines.js';
export { emaisMethodNames, emaisMethods } from './methods/emais.js';
export { misMethodOptions, misMethods } from './methods/mis.js';

// Tasks
export { cifarResnetTaskDefaults, cifarResnetSizes, cifarResnetTask } from './tasks/cifar-resnet.js';
export { fmnistLenetTask } from './tasks/fmnist-lenet.js';
export { imageSirenData, imageDataset, imageSirenSize, imageSirenTask } from './tasks/image-siren.js';
export { mnistMlpTask } from './tasks/mnist-mlp.js';
export { noiseLabelsDefaults, noiseLabelsTask } from './tasks/noise-labels.js';
export {
  pointcloudTaskDefaults,
  pointcloudSizes,
  pointcloudTask,
  pointcloudModelNet40Task,
} from './tasks/pointcloud.js';
export { poly6Data, poly6MonomialData, poly6Task, poly6MonomialTask } from './tasks/poly6.js';
export { taskRegistry } from './tasks/registry.js';
export { toy2dTask } from './tasks/toy2d.js';

// Records
export { writeFileAtomic } from './records/write-run-records.js';
export {
  checkOutputFolder,
  checkRunDirectory,
  cleanRunLeftovers,
  runFiles,
  writeRunDirectory,
} from './records/run-directory.js';

// Experiments
export {
  baselineComparisonSpec,
  comparisonSettings,
  coreControlNoiseLabels,
} from './papers/baselines/comparison.js';
export type { BaselineComparison, ComparisonSettings } from './papers/baselines/comparison.js';
export { referenceBudget } from './experiments/compare.js';
export { canonicalJson, configHash } from './records/config-hash.js';
export { emaisFiguresDefaults } from './papers/emais/fmnist.js';
export { kitVersion } from './records/kit-version.js';
export { misFig2Curves } from './papers/mis/fig2-spec.js';
export { misFig7Curves } from './papers/mis/fig7-image.js';
export {
  REPRODUCE_PARTS,
  fashionMnistRequirement,
  formatReproduceSummary,
  reproduceExitCode,
} from './experiments/reproduce.js';
export { codeHash, hashSourceTree } from './records/code-hash.js';

// Figures
export { budgetTablesHtml } from './experiments/budget-tables-html.js';
export { escapeHtml, htmlPage } from './figures/html-page.js';
export type { HtmlPageParts } from './figures/html-page.js';
export { knownMethodStyles, fallbackPalette } from './figures/method-style.js';
export { PLOTLY_BUNDLE_FILE } from './figures/write-figure-html.js';

// Sweeps: the runner's plumbing and the special functions behind the t quantile
export { logGamma, incompleteBeta, studentTCdf } from './stats/student-t.js';
export { formatProgress } from './sweep/format-progress.js';
export { sweepSummary } from './sweep/sweep-summary.js';
export type { SweepSummary } from './sweep/sweep-summary.js';
export { ablationFigureSpec } from './papers/ablations/ablations.js';

// Named by doc comments and signatures of the public API (the API reference, `npm run docs`, links them here)
export { encodeState } from './checkpoint/state-codec.js';
export type { EncodedState, StateValue } from './checkpoint/state-codec.js';
export type { RngState } from './random/rng.js';
export type { KeyedConfig } from './records/run-key.js';
export { runCommitFile } from './records/run-directory.js';
export { obsOptions } from './samplers/obs.js';
export type { TrainerState } from './train/trainer.js';
export { AUTO_CHECKPOINT_SECONDS } from './train/train.js';
export type { ComputeJob } from './experiments/compute-job.js';
export { importanceDistanceRows } from './papers/asis/pmf-distance.js';
export type { ComputePlan, ExperimentPlan, PlanContext, TrainOptions } from './experiments/types.js';
export { executedNotebookLinks } from './figures/gallery-html.js';
export { createTrialPool } from './sweep/trial-pool.js';
export type { ComputeResult, SubmitOptions, TrialPool, TrialPoolOptions } from './sweep/trial-pool.js';
export type { TimingPoint } from './sweep/worker-protocol.js';
export type { SettingValue } from './experiments/figure-spec.js';
export type { StaticFormat } from './figures/export-static.js';
export type { Curve as MisFigureCurve } from './papers/mis/fig2-spec.js';
export type { Conv2dKernel } from './models/conv2d.js';
export type { ExpandTrialsOptions } from './sweep/expand-trials.js';
export { MAX_TRIALS } from './sweep/expand-trials.js';
export { SAFE_NAME } from './registry/registry.js';
export { BACKEND_ENV } from './backend/setup-backend.js';
export { exportFigures } from './figures/export-static.js';
export type { ExportFiguresOptions } from './figures/export-static.js';
export { tableHtml } from './figures/write-table-html.js';
export { ablationOutputs } from './sweep/run-ablation.js';
