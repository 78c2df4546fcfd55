/**
 * isgrad: importance-sampled stochastic gradient estimation on TensorFlow.js.
 * The public API: named re-exports only (see README for a tour). Generated from the modules by listing
 * every export; importing this module also registers every task and method.
 */

// Backends
export { BACKENDS, setupBackend, activeBackend } from './backend/setup-backend.js';
export type { BackendName, BackendRequest, BackendInfo } from './backend/setup-backend.js';

// Randomness
export { fnv1a } from './random/fnv1a.js';
export { createRng, permutation } from './random/rng.js';
export type { Rng } from './random/rng.js';

// Data
export { cifarDefaults, cifarDirEnv, loadCifar } from './data/cifar.js';
export type { CifarOptions } from './data/cifar.js';
export { sizeOf, validateDataset, gatherRows, gatherBatch, range } from './data/dataset.js';
export type { Dataset, TensorBatch } from './data/dataset.js';
export { fashionMnistDefaults, fashionMnistDirEnv, loadFashionMnist } from './data/fashion-mnist.js';
export type { FashionMnistOptions } from './data/fashion-mnist.js';
export { parseIdx } from './data/idx.js';
export type { IdxTensor } from './data/idx.js';
export { mnistDefaults, loadMnist } from './data/mnist.js';
export type { MnistOptions } from './data/mnist.js';
export { modelNet40Defaults, modelNet40DirEnv, loadModelNet40 } from './data/modelnet40.js';
export type { ModelNet40Options } from './data/modelnet40.js';
export { parseOff, samplePointsOnMesh, normalizeToUnitSphere } from './data/off-mesh.js';
export type { OffMesh } from './data/off-mesh.js';
export { readPngRgb, boxDownscale } from './data/png-image.js';
export type { RgbImage } from './data/png-image.js';
export {
  poly6Bases,
  poly6Defaults,
  legendreFeatures,
  monomialFeatures,
  poly6Loss,
  makePoly6,
} from './data/poly6.js';
export type { Poly6Basis, Poly6Options, Poly6Data } from './data/poly6.js';
export { shapes3dClassNames, shapes3dDefaults, makeShapes3d } from './data/shapes3d.js';
export type { Shapes3dOptions } from './data/shapes3d.js';
export { toy2dDefaults, toy2dLabel, makeToy2d } from './data/toy2d.js';
export type { Toy2dOptions, Toy2dData } from './data/toy2d.js';

// Losses
export { meanSquaredError } from './losses/mse.js';
export { lossNames, getLoss } from './losses/registry.js';
export { softmaxCrossEntropy } from './losses/softmax-ce.js';
export type { Loss } from './losses/types.js';

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
export { lenet5Defaults, createLeNet5 } from './models/lenet5.js';
export type { LeNet5Options } from './models/lenet5.js';
export { linearModelDefaults, createLinearModel } from './models/linear.js';
export type { LinearModelOptions } from './models/linear.js';
export { mlpDefaults, createMlp } from './models/mlp.js';
export type { MlpActivation, MlpOptions } from './models/mlp.js';
export { pointNetDefaults, createPointNet } from './models/pointnet.js';
export type { PointNetOptions } from './models/pointnet.js';
export { resNetSmallDefaults, createResNetSmall } from './models/resnet-small.js';
export type { ResNetSmallOptions } from './models/resnet-small.js';
export { sirenDefaults, createSiren } from './models/siren.js';
export type { SirenOptions } from './models/siren.js';
export type { ForwardResult, Model } from './models/types.js';

// Importance functions (METHODS §2)
export { dlisLastLayerImportance } from './importance/dlis-last-layer.js';
export { perSampleGradNorms, fullGradImportance } from './importance/full-grad.js';
export { lossImportance } from './importance/loss.js';
export { outputGradAutodiff, outputGradAutodiffImportance } from './importance/output-grad-autodiff.js';
export { outputGrad, outputGradImportance } from './importance/output-grad.js';
export { importanceNames, getImportance } from './importance/registry.js';
export type { ImportanceContext, ImportanceFunction } from './importance/types.js';

// Samplers (METHODS §1, §3, §4, §5, §6)
export {
  activeBiasDefaults,
  activeBiasScore,
  createActiveBias,
  createConfidence,
  createConfVar,
} from './samplers/active-bias.js';
export type { ActiveBiasMode, ActiveBiasOptions, ActiveBiasSampler } from './samplers/active-bias.js';
export { dlisDefaults, dlisTauTerm, createDlis, createPresamplingIs } from './samplers/dlis.js';
export type { DlisOptions, DlisSampler } from './samplers/dlis.js';
export { emaisSamplerDefaults, createEmaisSampler } from './samplers/emais-sampler.js';
export type { EmaisSamplerOptions, EmaisSampler } from './samplers/emais-sampler.js';
export { createFullBatch } from './samplers/full-batch.js';
export { LinearPmf } from './samplers/linear-pmf.js';
export { lowDefaults, lowWeights, createLow } from './samplers/low.js';
export type { LowOptions } from './samplers/low.js';
export {
  memorySamplerDefaults,
  createMemorySampler,
  createMemoryIs,
  createMemoryAs,
} from './samplers/memory-sampler.js';
export type { MemorySamplerMode, MemorySamplerOptions, MemorySampler } from './samplers/memory-sampler.js';
export { misSamplerDefaults, isMisSampler, createMisSampler } from './samplers/mis-sampler.js';
export type { MisSamplerOptions, MisSampler } from './samplers/mis-sampler.js';
export { obsDefaults, obsRankPmf, createObs } from './samplers/obs.js';
export type { ObsOptions, ObsSampler } from './samplers/obs.js';
export { raisLiteDefaults, raisGainRatio, createRaisLite } from './samplers/rais-lite.js';
export type { RaisLiteOptions, RaisLiteSampler } from './samplers/rais-lite.js';
export { registerSampler, createSampler, samplerNames, validateSamplerContext } from './samplers/registry.js';
export type { RegisterSamplerOptions } from './samplers/registry.js';
export { selfPacedDefaults, selfPacedThreshold, createSelfPaced } from './samplers/self-paced.js';
export type { SelfPacedOptions, SelfPacedSampler } from './samplers/self-paced.js';
export { SumTree } from './samplers/sum-tree.js';
export type {
  MisBatchInfo,
  Batch,
  ForwardInfo,
  ForwardDecision,
  Observation,
  DrawContext,
  Sampler,
  SamplerContext,
  SamplerFactory,
} from './samplers/types.js';
export { uniformDynamicDefaults, createUniformDynamic } from './samplers/uniform-dynamic.js';
export type { UniformDynamicOptions } from './samplers/uniform-dynamic.js';
export { createUniformReplace } from './samplers/uniform-replace.js';
export { createUniformScan } from './samplers/uniform-scan.js';

// Gradient estimators (METHODS Eq. 1.1, §4)
export { feedTechniqueScores } from './estimators/feed-technique-scores.js';
export { createMisBalanceEstimator } from './estimators/mis-balance.js';
export { omisEstimatorDefaults, createOmisEstimator } from './estimators/omis.js';
export type { OmisEstimatorOptions } from './estimators/omis.js';
export { registerEstimator, createEstimator, estimatorNames } from './estimators/registry.js';
export type { EstimatorContext, EstimatorFactory } from './estimators/registry.js';
export type { EstimatorInput, EstimatorOutput, GradientEstimator } from './estimators/types.js';
export { createWeightedLossEstimator } from './estimators/weighted-loss.js';

// Multiple importance sampling (METHODS §4)
export { mixtureWeights } from './mis/mixture.js';
export type { MixtureWeights } from './mis/mixture.js';
export {
  omisCoefficients,
  accumulateA,
  accumulateB,
  solveOmisDefaults,
  PINV_RCOND,
  solveOmis,
  omisEstimate,
} from './mis/omis-system.js';
export type {
  OmisForm,
  OmisCoefficients,
  OmisSolveKind,
  OmisSolution,
  SolveOmisOptions,
} from './mis/omis-system.js';
export { coefficientGroups, techniqueScores } from './mis/technique-scores.js';
export type { TechniqueScores } from './mis/technique-scores.js';

// EMAIS (METHODS §5)
export { capThreshold, cappedPmf, mixRho } from './emais/capped-pmf.js';
export { effectiveMinibatch } from './emais/effective-minibatch.js';
export { efficiencyScore } from './emais/efficiency-score.js';
export { exactTracesFromNorms, datasetGradients } from './emais/exact-traces.js';
export type { ExactTraces, DatasetGradients } from './emais/exact-traces.js';
export { fullGradientTraces } from './emais/full-gradient-traces.js';
export { LR_ADJUST_MODES, lrAdjust } from './emais/lr-adjust.js';
export type { LrAdjustMode } from './emais/lr-adjust.js';
export { MovingStats } from './emais/moving-stats.js';
export { validateTracesDefaults, validateTraces } from './emais/validate-traces.js';
export type {
  ValidateTracesOptions,
  TraceEstimate,
  TraceCheckpoint,
  ValidateTracesResult,
} from './emais/validate-traces.js';
export {
  varianceTracesDefaults,
  varianceTraces,
  varianceTracesFromVectors,
} from './emais/variance-traces.js';
export type { VarianceTraces, VarianceTracesOptions } from './emais/variance-traces.js';

// Baselines (METHODS §6)
export { projectToSimplex } from './baselines/project-to-simplex.js';

// Diagnostics
export { withDiagnosticsDefaults, withDiagnostics } from './diagnostics/with-diagnostics.js';
export type { WithDiagnosticsOptions } from './diagnostics/with-diagnostics.js';

// Training
export { trainDefaults } from './train/config.js';
export type { TrainConfig } from './train/config.js';
export { evaluate } from './train/evaluate.js';
export type { EvalResult } from './train/evaluate.js';
export {
  registerMethod,
  getMethod,
  methodNames,
  optionFlag,
  checkMethodOption,
  resolveMethodOptions,
} from './train/methods.js';
export type { MethodOption, MethodOptionValues, MethodSpec } from './train/methods.js';
export {
  sgdDefaults,
  adamDefaults,
  createSgd,
  createAdam,
  OPTIMIZERS,
  createOptimizer,
} from './train/optimizer.js';
export type { Optimizer, SgdOptions, AdamOptions } from './train/optimizer.js';
export { SCHEDULES, scheduleDefaults, learningRateAt } from './train/schedule.js';
export type { ScheduleName, ScheduleOptions } from './train/schedule.js';
export { train } from './train/train.js';
export type { FinalMetrics, TrainResult, TrainProgress, TrainHooks } from './train/train.js';
export { resolveConfig, createTrainer } from './train/trainer.js';
export type { StepRecord, EvalRecord, Trainer } from './train/trainer.js';

// Methods
export { baselineMethodNames } from './methods/baselines.js';
export { emaisMethodNames } from './methods/emais.js';
export { misMethodOptions } from './methods/mis.js';

// Tasks
export {
  cifarResnetTaskDefaults,
  cifarResnetSizes,
  createCifarResnetTask,
  cifarResnetTask,
} from './tasks/cifar-resnet.js';
export type { CifarResnetTaskOptions } from './tasks/cifar-resnet.js';
export { fmnistLenetTask } from './tasks/fmnist-lenet.js';
export {
  imageSirenData,
  imageDataset,
  reconstruct,
  imageSirenSize,
  createImageSirenTask,
  imageSirenTask,
} from './tasks/image-siren.js';
export type { ImageSirenData, Reconstruction } from './tasks/image-siren.js';
export { mnistMlpTask } from './tasks/mnist-mlp.js';
export { noiseLabelsDefaults, noiseLabelsTask } from './tasks/noise-labels.js';
export {
  pointcloudTaskDefaults,
  pointcloudSizes,
  createPointcloudTask,
  pointcloudTask,
  pointcloudModelNet40Task,
} from './tasks/pointcloud.js';
export type { PointcloudTaskOptions } from './tasks/pointcloud.js';
export {
  poly6Data,
  poly6MonomialData,
  createPoly6Task,
  poly6Task,
  poly6MonomialTask,
} from './tasks/poly6.js';
export { registerTask, getTask, taskNames } from './tasks/registry.js';
export { toy2dTask } from './tasks/toy2d.js';
export type { TaskInstance, TaskScale, TaskSpec } from './tasks/types.js';

// Records
export { runTables } from './records/run-tables.js';
export type { RunTables } from './records/run-tables.js';
export { writeFileAtomic, writeRunRecords } from './records/write-run-records.js';

// Experiments
export {
  baselineFiguresDefaults,
  baselineExperiment,
  reproduceBaselines,
} from './experiments/baseline-figures.js';
export type { BaselineFiguresSettings } from './experiments/baseline-figures.js';
export {
  BUDGET_AXES,
  TIME_PHASES,
  budgetRows,
  alignDefaults,
  alignAtBudget,
  summarizeAtBudget,
  referenceBudget,
  timeSplitTable,
  runComparison,
} from './experiments/compare.js';
export type {
  CompareRun,
  BudgetAxis,
  AlignOptions,
  BudgetSummary,
  TimeSplitRow,
  RunComparisonOptions,
} from './experiments/compare.js';
export { canonicalJson, configHash } from './experiments/config-hash.js';
export { emaisFiguresDefaults, reproduceEmais } from './experiments/emais-figures.js';
export type { EmaisFiguresScale } from './experiments/emais-figures.js';
export { kitVersion } from './experiments/kit-version.js';
export { misFig2Curves, misFig7Curves, reproduceMis } from './experiments/mis-figures.js';
export { reproducePointcloud } from './experiments/pointcloud-figures.js';
export { EXPERIMENTS, reproduceDefaults, reproduce } from './experiments/reproduce.js';
export type { ReproduceOptions } from './experiments/reproduce.js';
export { runOrLoad } from './experiments/run-or-load.js';
export type { RunRecords } from './experiments/run-or-load.js';
export type { ReproduceContext, FigureEntry, ExperimentModule } from './experiments/types.js';

// Sweeps
export { bootstrapCiDefaults, bootstrapCi } from './sweep/bootstrap-ci.js';
export type { BootstrapCiOptions } from './sweep/bootstrap-ci.js';
export { ablations, builtinSweepSpec } from './sweep/ablation-specs.js';
export type { AblationName, Ablation } from './sweep/ablation-specs.js';
export { collectRuns } from './sweep/collect-runs.js';
export type { CollectRunsOptions, CollectedRuns } from './sweep/collect-runs.js';
export { expandTrials, toTrials } from './sweep/expand-trials.js';
export type { Trial, TrialOptions } from './sweep/expand-trials.js';
export { formatProgress } from './sweep/format-progress.js';
export { pairedDifferences } from './sweep/paired-differences.js';
export type { PairedDifferencesOptions, PairedDifference } from './sweep/paired-differences.js';
export { resampleCurve, resampleRuns } from './sweep/resample-curve.js';
export type { ResampleRunsOptions } from './sweep/resample-curve.js';
export { runAblation, reproduceAblations } from './sweep/run-ablation.js';
export type { RunAblationOptions } from './sweep/run-ablation.js';
export { runTrialsDefaults, runTrials } from './sweep/run-trials.js';
export type { TrialResult, SweepProgress, RunTrialsOptions } from './sweep/run-trials.js';
export { meanCi, summarizeSeeds } from './sweep/seed-summary.js';
export type { MeanCi, SummarizeSeedsOptions } from './sweep/seed-summary.js';
export { parseShard, shardTrials } from './sweep/shard-trials.js';
export type { Shard } from './sweep/shard-trials.js';
export { slurmArrayScript } from './sweep/slurm-script.js';
export type { SlurmScriptOptions } from './sweep/slurm-script.js';
export { logGamma, incompleteBeta, studentTCdf, studentTQuantile } from './sweep/student-t.js';
export { validateSweepSpec, loadSweepSpec } from './sweep/sweep-spec.js';
export type { SweepValue, SweepPoint, SweepSpec } from './sweep/sweep-spec.js';
export { sweepSummary } from './sweep/sweep-summary.js';
export type { SweepSummary } from './sweep/sweep-summary.js';
export { tailMeanDefaults, tailMean } from './sweep/tail-mean.js';
export type { TailMeanOptions } from './sweep/tail-mean.js';

// Figures
export { ablationFigureDefaults, ablationFigure, ablationCurvesFigure } from './figures/ablation-figure.js';
export type { AblationFigureOptions, AblationCurvesFigureOptions } from './figures/ablation-figure.js';
export { budgetTablesHtml } from './figures/budget-tables-html.js';
export { writeGalleryHtmlDefaults, writeGalleryHtml } from './figures/gallery-html.js';
export type { GalleryEntry, WriteGalleryHtmlOptions } from './figures/gallery-html.js';
export { heatmapFigureDefaults, heatmapFigure } from './figures/heatmap-figure.js';
export type {
  PlotlyHeatmapTrace,
  PlotlyPointsTrace,
  PanelFigure,
  HeatmapPanel,
  HeatmapFigureOptions,
} from './figures/heatmap-figure.js';
export { escapeHtml, htmlPage } from './figures/html-page.js';
export type { HtmlPageParts } from './figures/html-page.js';
export { imageFigureDefaults, imageFigure } from './figures/image-figure.js';
export type { PlotlyImageTrace, ImagePanel, ImageFigureOptions } from './figures/image-figure.js';
export { lineBandFigureDefaults, lineBandFigure } from './figures/line-band-figure.js';
export type { LineBandFigureOptions, LineBandFigureDefaults } from './figures/line-band-figure.js';
export { knownMethodStyles, fallbackPalette, methodStyle } from './figures/method-style.js';
export type { MethodStyle } from './figures/method-style.js';
export { BAND_KINDS, summarizeRunsDefaults, summarizeRuns } from './figures/summarize-runs.js';
export type {
  RunRow,
  BandKind,
  SummarizeRunsOptions,
  DroppedCounts,
  GroupSummary,
  RunsSummary,
} from './figures/summarize-runs.js';
export type {
  PlotlyDash,
  PlotlyLine,
  PlotlyMarker,
  PlotlyTrace,
  PlotlyTitle,
  PlotlyFont,
  PlotlyAxis,
  PlotlyLegend,
  PlotlyMargin,
  PlotlyLayout,
  Figure,
} from './figures/types.js';
export {
  PLOTLY_BUNDLE_FILE,
  writeFigureHtmlDefaults,
  writeFigureHtml,
  writeFigureJson,
} from './figures/write-figure-html.js';
export type { PlotlyConfig, WriteFigureHtmlOptions } from './figures/write-figure-html.js';
