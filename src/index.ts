/**
 * isgrad: importance-sampled stochastic gradient estimation on TensorFlow.js.
 *
 * The public API: what a researcher uses from a notebook or a script — `train`/`createTrainer`, the registries
 * and their types, samplers, importance functions, estimators, the MIS and EMAIS maths, tasks and data loaders,
 * records and tables, figure builders and the backend. Named re-exports only, curated by hand; the list of
 * runtime names is pinned by `test/index.test.ts`, so a change to the API is a visible decision. Helpers that
 * the kit's own modules and tests need (kernels, option plumbing, file protocols) are in `isgrad/internals`.
 * Importing this module registers every built-in task, loss, importance function, sampler, estimator and method.
 */

import './builtins.js'; // registers every built-in task, loss, importance, sampler, estimator and method

// Registries and declared options
export type { Registry, RegisterOptions } from './registry/registry.js';
export { registerBuiltins, userRegistrations } from './builtins.js';
export type { UserRegistration } from './builtins.js';
export type { OptionSpec, OptionSpecs, OptionValue } from './options/option-spec.js';
export { memoryOptions, blendMemory, epsilonFloor } from './samplers/importance-memory.js';
export type { EpsMode } from './samplers/importance-memory.js';

// Backends
export { BACKENDS, setupBackend, activeBackend } from './backend/setup-backend.js';
export type { BackendName, BackendRequest, BackendInfo } from './backend/setup-backend.js';

// Randomness
export { createRng, permutation } from './random/rng.js';
export type { Rng } from './random/rng.js';

// Data
export { loadCifar } from './data/cifar.js';
export type { CifarOptions } from './data/cifar.js';
export { validateDataset, gatherBatch } from './data/dataset.js';
export type { Dataset, TensorBatch } from './data/dataset.js';
export { loadFashionMnist } from './data/fashion-mnist.js';
export type { FashionMnistFiles, FashionMnistOptions } from './data/fashion-mnist.js';
export { loadMnist } from './data/mnist.js';
export type { MnistOptions } from './data/mnist.js';
export { loadModelNet40 } from './data/modelnet40.js';
export type { ModelNet40Options } from './data/modelnet40.js';
export { readPngRgb } from './data/png-image.js';
export type { RgbImage } from './data/png-image.js';
export { makePoly6 } from './data/poly6.js';
export type { Poly6Basis, Poly6Options, Poly6Data } from './data/poly6.js';
export { makeShapes3d } from './data/shapes3d.js';
export type { Shapes3dOptions } from './data/shapes3d.js';
export { makeToy2d } from './data/toy2d.js';
export type { Toy2dOptions, Toy2dData } from './data/toy2d.js';

// Losses
export { meanSquaredError } from './losses/mse.js';
export { registerLoss, lossNames, getLoss } from './losses/registry.js';
export { softmaxCrossEntropy } from './losses/softmax-ce.js';
export type { Loss } from './losses/types.js';

// Models
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
export { registerImportance, importanceNames, getImportance } from './importance/registry.js';
export type { ImportanceContext, ImportanceFunction } from './importance/types.js';

// Samplers (METHODS §1, §3, §4, §5, §6)
export {
  activeBiasDefaults,
  createActiveBias,
  createConfidence,
  createConfVar,
} from './samplers/active-bias.js';
export type { ActiveBiasMode, ActiveBiasOptions, ActiveBiasSampler } from './samplers/active-bias.js';
export { dlisDefaults, createDlis, createPresamplingIs } from './samplers/dlis.js';
export type { DlisOptions, DlisSampler } from './samplers/dlis.js';
export { emaisSamplerDefaults, createEmaisSampler } from './samplers/emais-sampler.js';
export type { EmaisSamplerOptions, EmaisSampler } from './samplers/emais-sampler.js';
export { createFullBatch } from './samplers/full-batch.js';
export { LinearPmf } from './samplers/linear-pmf.js';
export { lowDefaults, createLow } from './samplers/low.js';
export type { LowOptions } from './samplers/low.js';
export {
  memorySamplerDefaults,
  createMemorySampler,
  createMemoryIs,
  createMemoryAs,
} from './samplers/memory-sampler.js';
export type { MemorySamplerMode, MemorySamplerOptions, MemorySampler } from './samplers/memory-sampler.js';
export { misSamplerDefaults, createMisSampler } from './samplers/mis-sampler.js';
export type { MisSamplerOptions, MisSampler } from './samplers/mis-sampler.js';
export { obsDefaults, createObs } from './samplers/obs.js';
export type { ObsOptions, ObsSampler } from './samplers/obs.js';
export { raisLiteDefaults, createRaisLite } from './samplers/rais-lite.js';
export type { RaisLiteOptions, RaisLiteSampler } from './samplers/rais-lite.js';
export { registerSampler, createSampler, samplerNames } from './samplers/registry.js';
export type { RegisterSamplerOptions, SamplerRegistration } from './samplers/registry.js';
export { selfPacedDefaults, createSelfPaced } from './samplers/self-paced.js';
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
export { createMisBalanceEstimator } from './estimators/mis-balance.js';
export { omisEstimatorDefaults, createOmisEstimator } from './estimators/omis.js';
export type { OmisEstimatorOptions } from './estimators/omis.js';
export { registerEstimator, createEstimator, estimatorNames } from './estimators/registry.js';
export type { EstimatorContext, EstimatorFactory } from './estimators/registry.js';
export type {
  EstimatorInput,
  EstimatorOutput,
  ForwardTensors,
  GradientEstimator,
  StepWeights,
} from './estimators/types.js';
export { createWeightedLossEstimator, weightedLossGradients } from './estimators/weighted-loss.js';
export type { PassWeights, WeightedPass } from './estimators/weighted-loss.js';

// Multiple importance sampling (METHODS §4)
export { mixtureWeights } from './mis/mixture.js';
export type { MixtureWeights } from './mis/mixture.js';
export { omisCoefficients, solveOmisDefaults, solveOmis, omisEstimate } from './mis/omis-system.js';
export type {
  OmisForm,
  OmisCoefficients,
  OmisSolveKind,
  OmisSolution,
  SolveOmisOptions,
} from './mis/omis-system.js';

// EMAIS (METHODS §5)
export { cappedPmf } from './emais/capped-pmf.js';
export { effectiveMinibatch } from './emais/effective-minibatch.js';
export { efficiencyScore } from './emais/efficiency-score.js';
export { exactTracesFromNorms } from './emais/exact-traces.js';
export type { ExactTraces, DatasetGradients } from './emais/exact-traces.js';
export { fullGradientTraces } from './emais/full-gradient-traces.js';
export { LR_ADJUST_MODES, lrAdjust } from './emais/lr-adjust.js';
export type { LrAdjustMode } from './emais/lr-adjust.js';
export { MovingStats } from './emais/moving-stats.js';
export { summarizeTraceChecks, traceCheck, traceCheckDefaults } from './emais/trace-check.js';
export type { TraceCheck, TraceCheckOptions, TraceEstimate, TraceSummary } from './emais/trace-check.js';
export { validateTracesDefaults, validateTraces } from './experiments/validate-traces.js';
export type {
  ValidateTracesOptions,
  TraceCheckpoint,
  ValidateTracesResult,
} from './experiments/validate-traces.js';
export {
  varianceTracesDefaults,
  varianceTraces,
  varianceTracesFromVectors,
} from './emais/variance-traces.js';
export type { VarianceTraces, VarianceTracesOptions } from './emais/variance-traces.js';

// Theory checks: exact enumeration, Monte-Carlo moments and float64 reference estimators (notebooks/01-theory)
export { enumerateMomentsDefaults, enumerateMoments, stratifiedSlots } from './theory/enumerate-moments.js';
export type { Moments, EnumerateMomentsOptions } from './theory/enumerate-moments.js';
export { monteCarloMoments } from './theory/monte-carlo-moments.js';
export type { MonteCarloMoments, MonteCarloMomentsOptions } from './theory/monte-carlo-moments.js';
export {
  summarizeGradients,
  isEstimate,
  isVarianceTrace,
  pmfFromScores,
  optimalPmf,
} from './theory/is-estimator.js';
export type { GradientRows, GradientSummary } from './theory/is-estimator.js';
export { toyGradients, randomPmf } from './theory/toy-problem.js';
export type { ToyGradientsOptions } from './theory/toy-problem.js';
export {
  mixturePmf,
  balanceEstimate,
  omisSystemExact,
  omisWeights,
  omisWeightedEstimate,
  omisBatchEstimateDefaults,
  omisBatchEstimate,
} from './theory/mis-estimators.js';
export type { OmisSystem, OmisBatchEstimateOptions } from './theory/mis-estimators.js';
export { softmaxCe64, centralDifference } from './theory/softmax-ce64.js';
export type { SoftmaxCe64 } from './theory/softmax-ce64.js';
export { initTinyMlp64, tinyMlp64Loss, tinyMlp64Sample } from './theory/tiny-mlp64.js';
export type { TinyMlp64, InitTinyMlp64Options, TinyMlp64Sample } from './theory/tiny-mlp64.js';
export { outputGradRows } from './theory/output-grad-rows.js';
export type { OutputGradMethod } from './theory/output-grad-rows.js';
export { unrolledMemory } from './theory/unrolled-memory.js';
export { verdictDefaults, verdict, maxAbsDiff, roundoffBound } from './theory/verdict.js';
export { checkTable } from './theory/check-table.js';
export type { CheckSpec, CheckRow } from './theory/check-table.js';
export { batchVarianceTraces } from './theory/batch-variance-traces.js';
export type { VerdictOp, VerdictOptions } from './theory/verdict.js';
export { spearmanCorrelation } from './diagnostics/spearman-correlation.js';

// Diagnostics
export { withDiagnosticsDefaults, withDiagnostics } from './diagnostics/with-diagnostics.js';
export type { DiagnosticsSampler, WithDiagnosticsOptions } from './diagnostics/with-diagnostics.js';

// Training
export { trainDefaults } from './train/config.js';
export type { TrainConfig } from './train/config.js';
export { evaluate } from './train/evaluate.js';
export type { EvalResult } from './train/evaluate.js';
export { registerMethod, getMethod, methodNames } from './methods/method-spec.js';
export type { MethodOptionValues, MethodSpec } from './methods/method-spec.js';
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
export { createTrainer } from './train/trainer.js';
export { resolveConfig } from './train/resolve-config.js';
export type { StepRecord, EvalRecord, Trainer } from './train/trainer.js';

// Tasks
export { createCifarResnetTask } from './tasks/cifar-resnet.js';
export type { CifarResnetTaskOptions } from './tasks/cifar-resnet.js';
export { reconstruct, createImageSirenTask } from './tasks/image-siren.js';
export type { ImageSirenData, Reconstruction } from './tasks/image-siren.js';
export { createPointcloudTask } from './tasks/pointcloud.js';
export type { PointcloudTaskOptions } from './tasks/pointcloud.js';
export { createPoly6Task } from './tasks/poly6.js';
export { registerTask, getTask, taskNames } from './tasks/registry.js';
export type { TaskInstance, TaskScale, TaskSpec, TaskTrainDefaults } from './tasks/types.js';

// Records
export { runTables } from './records/run-tables.js';
export type { RunTables } from './records/run-tables.js';
export type { EvalRow, RunConfigTag, RunRecord, StepRow } from './records/types.js';
export { writeRunRecords } from './records/write-run-records.js';

// Experiments
export { compareArmsDefaults, compareArms, formatArmComparison } from './stats/verdict.js';
export type {
  CompareArmsOptions,
  ArmSummary,
  ArmComparison,
  FormatArmComparisonOptions,
} from './stats/verdict.js';
export { misFig2Statement } from './papers/mis/fig2-spec.js';
export { misFig7Statement } from './papers/mis/fig7-image.js';
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
  ComparisonRuns,
} from './experiments/compare.js';
export { varianceSummaryDefaults, varianceSummary } from './experiments/variance-summary.js';
export {
  importanceDistanceDefaults,
  importanceDistances,
  importanceDistanceSummary,
  memoryAlphaRows,
  memoryAlphaSummary,
} from './papers/asis/pmf-distance.js';
export type {
  ImportanceDistanceScale,
  ImportanceDistanceRow,
  ImportanceDistancesOptions,
  ImportanceDistanceSummary,
  MemoryAlphaSummary,
} from './papers/asis/pmf-distance.js';
export type { VarianceSummaryOptions, VarianceSummaryRow } from './experiments/variance-summary.js';
export type { EmaisFiguresScale } from './experiments/emais-figures.js';
export { reproduceDefaults, reproduce, ReproduceError, formatFigureList } from './experiments/reproduce.js';
export { FIGURE_SPECS, figureSpec } from './papers/figures.js';
export { commonSettings, figureSettingsRows, resolveFigureSettings } from './experiments/figure-spec.js';
export type {
  FigureInput,
  FigureOutput,
  FigurePlan,
  FigureSettingRow,
  FigureSpec,
  LoadedRun,
  PlannedRun,
  Settings,
} from './experiments/figure-spec.js';
export type {
  PartOutcome,
  PartRequirement,
  ReproduceOptions,
  ReproducePart,
  ReproduceReport,
} from './experiments/reproduce.js';
export { runKey, runOrLoad } from './experiments/run-or-load.js';
export type { RunHooks, RunRecords } from './experiments/run-or-load.js';
export type { ReproduceContext, FigureEntry, ExperimentModule } from './experiments/types.js';

// Figures
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
export { imageFigureDefaults, imageFigure } from './figures/image-figure.js';
export type { PlotlyImageTrace, ImagePanel, ImageFigureOptions } from './figures/image-figure.js';
export { lineBandFigureDefaults, lineBandFigure } from './figures/line-band-figure.js';
export type { LineBandFigureOptions, LineBandFigureDefaults } from './figures/line-band-figure.js';
export { figureStyles, methodStyle } from './figures/method-style.js';
export { scatterFigureDefaults, scatterFigure, fitLine } from './figures/scatter-figure.js';
export type { ScatterFigureOptions, LineFit } from './figures/scatter-figure.js';
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
  PlotlySlider,
  PlotlySliderStep,
  Figure,
} from './figures/types.js';
export { writeFigureHtmlDefaults, writeFigureHtml, writeFigureJson } from './figures/write-figure-html.js';
export { PAPER_WIDTHS, saveFigureDefaults, saveFigure } from './figures/save-figure.js';
export { writeTableHtml } from './figures/write-table-html.js';
export type { WriteTableHtmlOptions } from './figures/write-table-html.js';
export type { FigureFormat, FigureWidth, SaveFigureOptions } from './figures/save-figure.js';
export type { PlotlyConfig, WriteFigureHtmlOptions } from './figures/write-figure-html.js';

// Sweeps and seed statistics (ablations, intervals, resumable parallel runs)
export { validateSweepSpec, loadSweepSpec } from './sweep/sweep-spec.js';
export type { SweepValue, SweepPoint, SweepSpec } from './sweep/sweep-spec.js';
export { expandTrials, toTrials } from './sweep/expand-trials.js';
export type { Trial, TrialOptions } from './sweep/expand-trials.js';
export { parseShard, shardTrials } from './sweep/shard-trials.js';
export type { Shard } from './sweep/shard-trials.js';
export { runTrialsDefaults, runTrials } from './sweep/run-trials.js';
export type { TrialResult, SweepProgress, RunTrialsOptions } from './sweep/run-trials.js';
export { SweepFailedError } from './sweep/sweep-failed-error.js';
export { useModule, writeModule } from './sweep/use-module.js';
export { InterruptedError, isInterruptedError } from './train/interrupt.js';
export { collectRuns } from './sweep/collect-runs.js';
export type { CollectRunsOptions, CollectedRuns } from './sweep/collect-runs.js';
export { slurmArrayScript } from './sweep/slurm-script.js';
export type { SlurmScriptOptions } from './sweep/slurm-script.js';
export { ablations, builtinSweepSpec } from './sweep/ablation-specs.js';
export type { AblationName, Ablation } from './sweep/ablation-specs.js';
export { runAblation, loadAblation, ablationFigures } from './sweep/run-ablation.js';
export type {
  RunAblationOptions,
  LoadAblationOptions,
  AblationData,
  AblationFigures,
} from './sweep/run-ablation.js';
export {
  ablationConclusion,
  ablationConclusionDefaults,
  ablationConclusionTable,
  ablationReference,
  ablationOverview,
} from './sweep/ablation-conclusion.js';
export type {
  AblationConclusion,
  AblationConclusionOptions,
  AblationOverviewRow,
  AblationValueRow,
  AblationVerdict,
} from './sweep/ablation-conclusion.js';
export { meanCi, summarizeSeeds } from './stats/seed-summary.js';
export type { MeanCi, SummarizeSeedsOptions } from './stats/seed-summary.js';
export { pairedDifferences } from './stats/paired-differences.js';
export type { PairedDifferencesOptions, PairedDifference } from './stats/paired-differences.js';
export { tailMeanDefaults, tailMean } from './stats/tail-mean.js';
export type { TailMeanOptions } from './stats/tail-mean.js';
export { resampleCurve, resampleRuns } from './stats/resample-curve.js';
export type { ResampleRunsOptions } from './stats/resample-curve.js';
export { bootstrapCiDefaults, bootstrapCi } from './stats/bootstrap-ci.js';
export type { BootstrapCiOptions } from './stats/bootstrap-ci.js';
export { studentTQuantile } from './stats/student-t.js';
export { ablationFigureDefaults, ablationFigure, ablationCurvesFigure } from './figures/ablation-figure.js';
export type { AblationFigureOptions, AblationCurvesFigureOptions } from './figures/ablation-figure.js';
export { ablationSliderFigure, ablationSliderFigureDefaults } from './figures/ablation-slider-figure.js';
export type { AblationSliderFigureOptions } from './figures/ablation-slider-figure.js';
