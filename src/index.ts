/**
 * isgrad: importance-sampled stochastic gradient estimation on TensorFlow.js.
 * The public API: named re-exports only (see README for a tour).
 */

// Backends
export { BACKENDS, setupBackend, activeBackend } from './backend/setup-backend.js';
export type { BackendName, BackendRequest, BackendInfo } from './backend/setup-backend.js';

// Randomness
export { fnv1a } from './random/fnv1a.js';
export { createRng, permutation } from './random/rng.js';
export type { Rng } from './random/rng.js';

// Data
export { sizeOf, validateDataset, gatherRows, gatherBatch, range } from './data/dataset.js';
export type { Dataset, TensorBatch } from './data/dataset.js';
export { fashionMnistDefaults, fashionMnistDirEnv, loadFashionMnist } from './data/fashion-mnist.js';
export type { FashionMnistOptions } from './data/fashion-mnist.js';
export { parseIdx } from './data/idx.js';
export type { IdxTensor } from './data/idx.js';
export { mnistDefaults, loadMnist } from './data/mnist.js';
export type { MnistOptions } from './data/mnist.js';
export { poly6Defaults, legendreFeatures, poly6Loss, makePoly6 } from './data/poly6.js';
export type { Poly6Options, Poly6Data } from './data/poly6.js';
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
export { denseDefaults, createDense } from './models/dense.js';
export type { DenseLayer, DenseOptions } from './models/dense.js';
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
export type { ForwardResult, Model } from './models/types.js';

// Importance functions (METHODS §2)
export { dlisLastLayerImportance } from './importance/dlis-last-layer.js';
export { perSampleGradNorms, fullGradImportance } from './importance/full-grad.js';
export { lossImportance } from './importance/loss.js';
export { outputGradAutodiff, outputGradAutodiffImportance } from './importance/output-grad-autodiff.js';
export { outputGrad, outputGradImportance } from './importance/output-grad.js';
export { importanceNames, getImportance } from './importance/registry.js';
export type { ImportanceContext, ImportanceFunction } from './importance/types.js';

// Samplers (METHODS §1, §3)
export { LinearPmf } from './samplers/linear-pmf.js';
export {
  memorySamplerDefaults,
  createMemorySampler,
  createMemoryIs,
  createMemoryAs,
} from './samplers/memory-sampler.js';
export type { MemorySamplerMode, MemorySamplerOptions, MemorySampler } from './samplers/memory-sampler.js';
export { registerSampler, createSampler, samplerNames, validateSamplerContext } from './samplers/registry.js';
export type { RegisterSamplerOptions } from './samplers/registry.js';
export { SumTree } from './samplers/sum-tree.js';
export type { Batch, Observation, Sampler, SamplerContext, SamplerFactory } from './samplers/types.js';
export { createUniformReplace } from './samplers/uniform-replace.js';
export { createUniformScan } from './samplers/uniform-scan.js';

// Training
export { trainDefaults } from './train/config.js';
export type { TrainConfig } from './train/config.js';
export { evaluate } from './train/evaluate.js';
export type { EvalResult } from './train/evaluate.js';
export { registerMethod, getMethod, methodNames } from './train/methods.js';
export type { MethodSpec } from './train/methods.js';
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

// Tasks
export { fmnistLenetTask } from './tasks/fmnist-lenet.js';
export { mnistMlpTask } from './tasks/mnist-mlp.js';
export { poly6Data, poly6Task } from './tasks/poly6.js';
export { registerTask, getTask, taskNames } from './tasks/registry.js';
export { toy2dTask } from './tasks/toy2d.js';
export type { TaskInstance, TaskScale, TaskSpec } from './tasks/types.js';

// Records
export { runTables } from './records/run-tables.js';
export type { RunTables } from './records/run-tables.js';
export { writeFileAtomic, writeRunRecords } from './records/write-run-records.js';

// Experiments
export { canonicalJson, configHash } from './experiments/config-hash.js';
export { reproduceDefaults, reproduce } from './experiments/reproduce.js';
export type { ReproduceOptions } from './experiments/reproduce.js';
export { runOrLoad } from './experiments/run-or-load.js';
export type { RunRecords } from './experiments/run-or-load.js';

// Figures
export { writeGalleryHtmlDefaults, escapeHtml, writeGalleryHtml } from './figures/gallery-html.js';
export type { GalleryEntry, WriteGalleryHtmlOptions } from './figures/gallery-html.js';
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
