/**
 * isgrad: importance-sampled stochastic gradient estimation on TensorFlow.js.
 *
 * The public API, in two layers. At the top level: the verbs a notebook starts from (`train`, `createTrainer`,
 * `reproduce`, `runTrials`, `runComparison`, `setupBackend`, `createRng`, the figure specs), the registries
 * (`register*`, `get*`, `*Names`) and the errors a caller catches. Everything else is in a namespace named after
 * its part of the kit — `samplers`, `importance`, `estimators`, `mis`, `emais`, `theory`, `models`, `losses`,
 * `datasets`, `tasks`, `training`, `experiments`, `figures`, `sweep`, `stats`, `backends` — reached as
 * `samplers.lowDefaults` after `import { samplers } from 'isgrad'`. A `*Defaults` object lives in the namespace
 * of the function it configures. Types are all exported at the top level (`import type { LowOptions } from
 * 'isgrad'`), whatever namespace their functions are in. The runtime names of the top level and of each namespace
 * are pinned by `test/index.test.ts`, so a change to the API is a visible decision. Helpers that the kit's own
 * modules and tests need (kernels, option plumbing, file protocols) are in `isgrad/internals`.
 * Importing this module registers every built-in task, loss, importance function, sampler, estimator and method.
 */

import './builtins.js'; // registers every built-in task, loss, importance, sampler, estimator and method

// Start here
export { train } from './train/train.js';
export { createTrainer } from './train/trainer.js';
export { reproduce, ReproduceError } from './experiments/reproduce.js';
export { FIGURE_SPECS, figureSpec } from './papers/figures.js';
export { figureSettingsRows } from './experiments/figure-spec.js';
export { runComparison } from './experiments/compare.js';
export { runTrials } from './sweep/run-trials.js';
export { SweepFailedError } from './sweep/sweep-failed-error.js';
export { InterruptedError, isInterruptedError } from './train/interrupt.js';
export { runTables } from './records/run-tables.js';
export { setupBackend } from './backend/setup-backend.js';
export { createRng } from './random/rng.js';
export { useModule } from './sweep/use-module.js';

// Registries
export { registerBuiltins, userRegistrations } from './builtins.js';
export { registerTask, getTask, taskNames } from './tasks/registry.js';
export { registerLoss, lossNames, getLoss } from './losses/registry.js';
export { registerImportance, importanceNames, getImportance } from './importance/registry.js';
export { registerSampler, createSampler, samplerNames } from './samplers/registry.js';
export { registerEstimator, createEstimator, estimatorNames } from './estimators/registry.js';
export { registerMethod, getMethod, methodNames } from './methods/method-spec.js';
export type { Registry, RegisterOptions } from './registry/registry.js';
export type { UserRegistration } from './builtins.js';
export type { OptionSpec, OptionSpecs, OptionValue } from './options/option-spec.js';

// Backends
export * as backends from './api/backends.js';
export type { BackendName, BackendRequest, BackendInfo } from './backend/setup-backend.js';

// Randomness
export type { Rng } from './random/rng.js';

// Data
export * as datasets from './api/datasets.js';
export type { CifarOptions } from './data/cifar.js';
export type { Dataset, TensorBatch } from './data/dataset.js';
export type { FashionMnistFiles, FashionMnistOptions } from './data/fashion-mnist.js';
export type { MnistOptions } from './data/mnist.js';
export type { ModelNet40Options } from './data/modelnet40.js';
export type { RgbImage } from './data/png-image.js';
export type { Poly6Basis, Poly6Options, Poly6Data } from './data/poly6.js';
export type { Shapes3dOptions } from './data/shapes3d.js';
export type { Toy2dOptions, Toy2dData } from './data/toy2d.js';

// Losses
export * as losses from './api/losses.js';
export type { Loss } from './losses/types.js';

// Models
export * as models from './api/models.js';
export type { LeNet5Options } from './models/lenet5.js';
export type { LinearModelOptions } from './models/linear.js';
export type { MlpActivation, MlpOptions } from './models/mlp.js';
export type { PointNetOptions } from './models/pointnet.js';
export type { ResNetSmallOptions } from './models/resnet-small.js';
export type { SirenOptions } from './models/siren.js';
export type { ForwardResult, Model } from './models/types.js';

// Importance functions (METHODS §2)
export * as importance from './api/importance.js';
export type { ImportanceContext, ImportanceFunction } from './importance/types.js';

// Samplers (METHODS §1, §3, §4, §5, §6)
export * as samplers from './api/samplers.js';
export type { EpsMode } from './samplers/importance-memory.js';
export type { ActiveBiasMode, ActiveBiasOptions, ActiveBiasSampler } from './samplers/active-bias.js';
export type { DlisOptions, DlisSampler } from './samplers/dlis.js';
export type { EmaisSamplerOptions, EmaisSampler } from './samplers/emais-sampler.js';
export type { LowOptions } from './samplers/low.js';
export type { MemorySamplerMode, MemorySamplerOptions, MemorySampler } from './samplers/memory-sampler.js';
export type { MisSamplerOptions, MisSampler } from './samplers/mis-sampler.js';
export type { ObsOptions, ObsSampler } from './samplers/obs.js';
export type { RaisLiteOptions, RaisLiteSampler } from './samplers/rais-lite.js';
export type { RegisterSamplerOptions, SamplerRegistration } from './samplers/registry.js';
export type { SelfPacedOptions, SelfPacedSampler } from './samplers/self-paced.js';
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
export type { UniformDynamicOptions } from './samplers/uniform-dynamic.js';

// Gradient estimators (METHODS Eq. 1.1, §4)
export * as estimators from './api/estimators.js';
export type { OmisEstimatorOptions } from './estimators/omis.js';
export type { EstimatorContext, EstimatorFactory } from './estimators/registry.js';
export type {
  EstimatorInput,
  EstimatorOutput,
  ForwardTensors,
  GradientEstimator,
  StepWeights,
} from './estimators/types.js';
export type { PassWeights, WeightedPass } from './estimators/weighted-loss.js';

// Multiple importance sampling (METHODS §4)
export * as mis from './api/mis.js';
export type { MixtureWeights } from './mis/mixture.js';
export type {
  OmisForm,
  OmisCoefficients,
  OmisSolveKind,
  OmisSolution,
  SolveOmisOptions,
} from './mis/omis-system.js';

// EMAIS (METHODS §5)
export * as emais from './api/emais.js';
export type { ExactTraces, DatasetGradients } from './emais/exact-traces.js';
export type { LrAdjustMode } from './emais/lr-adjust.js';
export type { TraceCheck, TraceCheckOptions, TraceEstimate, TraceSummary } from './emais/trace-check.js';
export type {
  ValidateTracesOptions,
  TraceCheckpoint,
  ValidateTracesResult,
} from './experiments/validate-traces.js';
export type { VarianceTraces, VarianceTracesOptions } from './emais/variance-traces.js';

// Theory checks: exact enumeration, Monte-Carlo moments and float64 reference estimators (notebooks/01-theory)
export * as theory from './api/theory.js';
export type { Moments, EnumerateMomentsOptions } from './theory/enumerate-moments.js';
export type { MonteCarloMoments, MonteCarloMomentsOptions } from './theory/monte-carlo-moments.js';
export type { GradientRows, GradientSummary } from './theory/is-estimator.js';
export type { ToyGradientsOptions } from './theory/toy-problem.js';
export type { OmisSystem, OmisBatchEstimateOptions } from './theory/mis-estimators.js';
export type { SoftmaxCe64 } from './theory/softmax-ce64.js';
export type { TinyMlp64, InitTinyMlp64Options, TinyMlp64Sample } from './theory/tiny-mlp64.js';
export type { OutputGradMethod } from './theory/output-grad-rows.js';
export type { CheckSpec, CheckRow } from './theory/check-table.js';
export type { VerdictOp, VerdictOptions } from './theory/verdict.js';

// Diagnostics
export type { DiagnosticsSampler, WithDiagnosticsOptions } from './diagnostics/with-diagnostics.js';

// Training
export * as training from './api/training.js';
export type { TrainConfig } from './train/config.js';
export type { EvalResult } from './train/evaluate.js';
export type { MethodOptionValues, MethodSpec } from './methods/method-spec.js';
export type { Optimizer, SgdOptions, AdamOptions } from './train/optimizer.js';
export type { ScheduleName, ScheduleOptions } from './train/schedule.js';
export type { FinalMetrics, TrainResult, TrainProgress, TrainHooks } from './train/train.js';
export type { StepRecord, EvalRecord, Trainer } from './train/trainer.js';

// Tasks
export * as tasks from './api/tasks.js';
export type { CifarResnetTaskOptions } from './tasks/cifar-resnet.js';
export type { ImageSirenData, Reconstruction } from './tasks/image-siren.js';
export type { PointcloudTaskOptions } from './tasks/pointcloud.js';
export type { TaskInstance, TaskScale, TaskSpec, TaskTrainDefaults } from './tasks/types.js';

// Records
export type { RunTables } from './records/run-tables.js';
export type { EvalRow, RunConfigTag, RunRecord, StepRow } from './records/types.js';

// Experiments
export * as experiments from './api/experiments.js';
export type {
  CompareArmsOptions,
  ArmSummary,
  ArmComparison,
  FormatArmComparisonOptions,
} from './stats/verdict.js';
export type {
  CompareRun,
  BudgetAxis,
  AlignOptions,
  BudgetSummary,
  TimeSplitRow,
  RunComparisonOptions,
  ComparisonRuns,
} from './experiments/compare.js';
export type {
  ImportanceDistanceScale,
  ImportanceDistanceRow,
  ImportanceDistancesOptions,
  ImportanceDistanceSummary,
  MemoryAlphaSummary,
} from './papers/asis/pmf-distance.js';
export type { VarianceSummaryOptions, VarianceSummaryRow } from './experiments/variance-summary.js';
export type { EmaisFiguresScale } from './papers/emais/fmnist.js';
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
export type { RunHooks, RunRecords } from './experiments/run-or-load.js';
export type { ReproduceContext, FigureEntry, ExperimentModule } from './experiments/types.js';

// Figures
export * as figures from './api/figures.js';
export type { GalleryEntry, WriteGalleryHtmlOptions } from './figures/gallery-html.js';
export type {
  PlotlyHeatmapTrace,
  PlotlyPointsTrace,
  PanelFigure,
  HeatmapPanel,
  HeatmapFigureOptions,
} from './figures/heatmap-figure.js';
export type { PlotlyImageTrace, ImagePanel, ImageFigureOptions } from './figures/image-figure.js';
export type { LineBandFigureOptions, LineBandFigureDefaults } from './figures/line-band-figure.js';
export type { ScatterFigureOptions, LineFit } from './figures/scatter-figure.js';
export type { MethodStyle } from './figures/method-style.js';
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
export type { WriteTableHtmlOptions } from './figures/write-table-html.js';
export type { FigureFormat, FigureWidth, SaveFigureOptions } from './figures/save-figure.js';
export type { PlotlyConfig, WriteFigureHtmlOptions } from './figures/write-figure-html.js';

// Sweeps and seed statistics (ablations, intervals, resumable parallel runs)
export * as sweep from './api/sweep.js';
export * as stats from './api/stats.js';
export type { SweepValue, SweepPoint, SweepSpec } from './sweep/sweep-spec.js';
export type { Trial, TrialOptions } from './sweep/expand-trials.js';
export type { Shard } from './sweep/shard-trials.js';
export type { TrialResult, SweepProgress, RunTrialsOptions } from './sweep/run-trials.js';
export type { CollectRunsOptions, CollectedRuns } from './sweep/collect-runs.js';
export type { SlurmScriptOptions } from './sweep/slurm-script.js';
export type { AblationName, Ablation } from './sweep/ablation-specs.js';
export type {
  RunAblationOptions,
  LoadAblationOptions,
  AblationData,
  AblationFigures,
} from './sweep/run-ablation.js';
export type {
  AblationConclusion,
  AblationConclusionOptions,
  AblationOverviewRow,
  AblationValueRow,
  AblationVerdict,
} from './sweep/ablation-conclusion.js';
export type { MeanCi, SummarizeSeedsOptions } from './stats/seed-summary.js';
export type { PairedDifferencesOptions, PairedDifference } from './stats/paired-differences.js';
export type { TailMeanOptions } from './stats/tail-mean.js';
export type { ResampleRunsOptions } from './stats/resample-curve.js';
export type { BootstrapCiOptions } from './stats/bootstrap-ci.js';
export type { AblationFigureOptions, AblationCurvesFigureOptions } from './figures/ablation-figure.js';
export type { AblationSliderFigureOptions } from './figures/ablation-slider-figure.js';
