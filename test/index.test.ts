import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as isgrad from '../src/index.js';
import * as notebook from '../src/notebook/index.js';

describe('public API (src/index.ts)', () => {
  test('exports the entry points notebooks and scripts use', () => {
    const api = isgrad as unknown as Record<string, Record<string, unknown>>;
    for (const path of [
      'train',
      'createTrainer',
      'setupBackend',
      'createRng',
      'runTables',
      'reproduce',
      'runComparison',
      'runTrials',
      'experiments.runOrLoad',
      'figures.lineBandFigure',
      'figures.writeFigureHtml',
      'samplers.SumTree',
      'samplers.createMemorySampler',
      'samplers.withDiagnostics',
      'samplers.createEmaisSampler',
      'estimators.createOmisEstimator',
    ]) {
      const [a, b] = path.split('.');
      const value = b === undefined ? api[a] : api[a]?.[b];
      assert.equal(typeof value, 'function', `missing export ${path}`);
    }
  });

  test('importing the package registers every task and method', () => {
    assert.ok(isgrad.taskNames().includes('image-siren') && isgrad.taskNames().includes('pointcloud'));
    for (const m of [
      'uniform',
      'is',
      'as',
      'mis-bh',
      'omis',
      'exact',
      'emais',
      'dlis',
      'low',
      'rais',
      'lis',
    ]) {
      assert.ok(isgrad.methodNames().includes(m), `method ${m} not registered`);
    }
  });
});

/**
 * The runtime names of the public API, sorted: the top level (verbs, registries, errors; at most 60 with the
 * namespaces) and each namespace. Changing the API means changing these lists in the same commit: adding a name is
 * a decision to support it; internals go to `src/internals.ts` (`isgrad/internals`).
 */
const TOP_LEVEL_NAMES: readonly string[] = [
  'FIGURE_SPECS',
  'InterruptedError',
  'ReproduceError',
  'SweepFailedError',
  'createEstimator',
  'createRng',
  'createSampler',
  'createTrainer',
  'estimatorNames',
  'figureSettingsRows',
  'figureSpec',
  'getImportance',
  'getLoss',
  'getMethod',
  'getTask',
  'importanceNames',
  'isInterruptedError',
  'lossNames',
  'methodNames',
  'registerBuiltins',
  'registerEstimator',
  'registerImportance',
  'registerLoss',
  'registerMethod',
  'registerSampler',
  'registerTask',
  'reproduce',
  'runComparison',
  'runTables',
  'runTrials',
  'samplerNames',
  'setupBackend',
  'taskNames',
  'train',
  'useModule',
  'userRegistrations',
];

const NAMESPACE_NAMES: Readonly<Record<string, readonly string[]>> = {
  backends: ['BACKENDS', 'activeBackend'],
  datasets: [
    'gatherBatch',
    'loadCifar',
    'loadFashionMnist',
    'loadMnist',
    'loadModelNet40',
    'makePoly6',
    'makeShapes3d',
    'makeToy2d',
    'permutation',
    'readPngRgb',
    'validateDataset',
  ],
  emais: [
    'LR_ADJUST_MODES',
    'MovingStats',
    'cappedPmf',
    'effectiveMinibatch',
    'efficiencyScore',
    'exactTracesFromNorms',
    'fullGradientTraces',
    'lrAdjust',
    'summarizeTraceChecks',
    'traceCheck',
    'traceCheckDefaults',
    'validateTraces',
    'validateTracesDefaults',
    'varianceTraces',
    'varianceTracesDefaults',
    'varianceTracesFromVectors',
  ],
  estimators: [
    'createMisBalanceEstimator',
    'createOmisEstimator',
    'createWeightedLossEstimator',
    'omisEstimatorDefaults',
    'weightedLossGradients',
  ],
  experiments: [
    'BUDGET_AXES',
    'TIME_PHASES',
    'alignAtBudget',
    'alignDefaults',
    'budgetRows',
    'commonSettings',
    'compareArms',
    'compareArmsDefaults',
    'formatArmComparison',
    'formatFigureList',
    'importanceDistanceDefaults',
    'importanceDistanceSummary',
    'importanceDistances',
    'memoryAlphaRows',
    'memoryAlphaSummary',
    'misFig2Statement',
    'misFig7Statement',
    'referenceBudget',
    'reproduceDefaults',
    'resolveFigureSettings',
    'runKey',
    'runOrLoad',
    'summarizeAtBudget',
    'timeSplitTable',
    'varianceSummary',
    'varianceSummaryDefaults',
  ],
  figures: [
    'BAND_KINDS',
    'PAPER_WIDTHS',
    'ablationCurvesFigure',
    'ablationFigure',
    'ablationFigureDefaults',
    'ablationSliderFigure',
    'ablationSliderFigureDefaults',
    'figureStyles',
    'fitLine',
    'heatmapFigure',
    'heatmapFigureDefaults',
    'imageFigure',
    'imageFigureDefaults',
    'lineBandFigure',
    'lineBandFigureDefaults',
    'methodStyle',
    'saveFigure',
    'saveFigureDefaults',
    'scatterFigure',
    'scatterFigureDefaults',
    'summarizeRuns',
    'summarizeRunsDefaults',
    'writeFigureHtml',
    'writeFigureHtmlDefaults',
    'writeFigureJson',
    'writeGalleryHtml',
    'writeGalleryHtmlDefaults',
    'writeTableHtml',
  ],
  importance: [
    'dlisLastLayerImportance',
    'fullGradImportance',
    'lossImportance',
    'outputGrad',
    'outputGradAutodiff',
    'outputGradAutodiffImportance',
    'outputGradImportance',
    'perSampleGradNorms',
  ],
  losses: ['meanSquaredError', 'softmaxCrossEntropy'],
  mis: ['mixtureWeights', 'omisCoefficients', 'omisEstimate', 'solveOmis', 'solveOmisDefaults'],
  models: [
    'createLeNet5',
    'createLinearModel',
    'createMlp',
    'createPointNet',
    'createResNetSmall',
    'createSiren',
    'lenet5Defaults',
    'linearModelDefaults',
    'mlpDefaults',
    'pointNetDefaults',
    'resNetSmallDefaults',
    'sirenDefaults',
  ],
  samplers: [
    'LinearPmf',
    'SumTree',
    'activeBiasDefaults',
    'blendMemory',
    'createActiveBias',
    'createConfVar',
    'createConfidence',
    'createDlis',
    'createEmaisSampler',
    'createFullBatch',
    'createLow',
    'createMemoryAs',
    'createMemoryIs',
    'createMemorySampler',
    'createMisSampler',
    'createObs',
    'createPresamplingIs',
    'createRaisLite',
    'createSelfPaced',
    'createUniformDynamic',
    'createUniformReplace',
    'createUniformScan',
    'dlisDefaults',
    'emaisSamplerDefaults',
    'epsilonFloor',
    'lowDefaults',
    'memoryOptions',
    'memorySamplerDefaults',
    'misSamplerDefaults',
    'obsDefaults',
    'raisLiteDefaults',
    'selfPacedDefaults',
    'uniformDynamicDefaults',
    'withDiagnostics',
    'withDiagnosticsDefaults',
  ],
  stats: [
    'bootstrapCi',
    'bootstrapCiDefaults',
    'meanCi',
    'pairedDifferences',
    'resampleCurve',
    'resampleRuns',
    'spearmanCorrelation',
    'studentTQuantile',
    'summarizeSeeds',
    'tailMean',
    'tailMeanDefaults',
  ],
  sweep: [
    'ablationConclusion',
    'ablationConclusionDefaults',
    'ablationConclusionTable',
    'ablationFigures',
    'ablationOverview',
    'ablationReference',
    'ablations',
    'builtinSweepSpec',
    'collectRuns',
    'expandTrials',
    'loadAblation',
    'loadSweepSpec',
    'parseShard',
    'runAblation',
    'runTrialsDefaults',
    'shardTrials',
    'slurmArrayScript',
    'toTrials',
    'validateSweepSpec',
    'writeModule',
  ],
  tasks: [
    'createCifarResnetTask',
    'createImageSirenTask',
    'createPointcloudTask',
    'createPoly6Task',
    'reconstruct',
  ],
  theory: [
    'balanceEstimate',
    'batchVarianceTraces',
    'centralDifference',
    'checkTable',
    'enumerateMoments',
    'enumerateMomentsDefaults',
    'initTinyMlp64',
    'isEstimate',
    'isVarianceTrace',
    'maxAbsDiff',
    'mixturePmf',
    'monteCarloMoments',
    'omisBatchEstimate',
    'omisBatchEstimateDefaults',
    'omisSystemExact',
    'omisWeightedEstimate',
    'omisWeights',
    'optimalPmf',
    'outputGradRows',
    'pmfFromScores',
    'randomPmf',
    'roundoffBound',
    'softmaxCe64',
    'stratifiedSlots',
    'summarizeGradients',
    'tinyMlp64Loss',
    'tinyMlp64Sample',
    'toyGradients',
    'unrolledMemory',
    'verdict',
    'verdictDefaults',
  ],
  training: [
    'OPTIMIZERS',
    'SCHEDULES',
    'adamDefaults',
    'createAdam',
    'createOptimizer',
    'createSgd',
    'evaluate',
    'learningRateAt',
    'resolveConfig',
    'scheduleDefaults',
    'sgdDefaults',
    'trainDefaults',
    'writeRunRecords',
  ],
};

/** What a notebook author calls from `isgrad/notebook` (at most 12); display plumbing is in internals. */
const NOTEBOOK_NAMES: readonly string[] = [
  'display',
  'fromDanfo',
  'image',
  'loadPlotly',
  'saveFigure',
  'show',
  'showFigures',
  'table',
  'toDanfo',
];

function isNamespace(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Module]';
}

function diff(actual: readonly string[], pinned: readonly string[]) {
  return {
    added: actual.filter((n) => !pinned.includes(n)),
    removed: pinned.filter((n) => !actual.includes(n)),
  };
}

describe('public API is pinned', () => {
  const entries = Object.entries(isgrad as Record<string, unknown>);
  const top = entries.filter(([, v]) => !isNamespace(v)).map(([k]) => k);
  const namespaces = Object.fromEntries(
    entries.filter(([, v]) => isNamespace(v)).map(([k, v]) => [k, Object.keys(v as object).sort()]),
  );

  test('src/index.ts exports exactly the pinned top-level names and namespaces, at most 60', () => {
    assert.deepEqual(diff(top, TOP_LEVEL_NAMES), { added: [], removed: [] });
    assert.deepEqual(diff(Object.keys(namespaces), Object.keys(NAMESPACE_NAMES)), { added: [], removed: [] });
    assert.ok(top.length + Object.keys(namespaces).length <= 60, `${top.length} names + namespaces`);
  });

  test('each namespace exports exactly its pinned names', () => {
    for (const [ns, names] of Object.entries(NAMESPACE_NAMES)) {
      assert.deepEqual({ ns, ...diff(namespaces[ns] ?? [], names) }, { ns, added: [], removed: [] });
    }
  });

  test('a name is in one place: no name both at the top level and in a namespace, nor in two namespaces', () => {
    const seen = new Map<string, string>(top.map((n) => [n, 'top level']));
    for (const [ns, names] of Object.entries(namespaces)) {
      for (const n of names) {
        assert.ok(!seen.has(n), `${n} is in ${ns} and in ${seen.get(n)}`);
        seen.set(n, ns);
      }
    }
  });

  test('the *Defaults objects live in namespaces, not at the top level (docs/guide.md, "Library")', () => {
    assert.deepEqual(
      top.filter((n) => n.endsWith('Defaults')),
      [],
    );
    const defaults = Object.values(namespaces).flatMap((names) =>
      names.filter((n) => n.endsWith('Defaults')),
    );
    assert.ok(defaults.includes('lowDefaults') && defaults.includes('trainDefaults'), defaults.join(', '));
  });

  test('isgrad/notebook exports exactly the pinned names, at most 12', () => {
    const names = Object.keys(notebook);
    assert.deepEqual(diff(names, NOTEBOOK_NAMES), { added: [], removed: [] });
    assert.ok(names.length <= 12, `${names.length} names`);
  });

  test('isgrad/internals re-exports the whole public API and keeps internals out of it', async () => {
    const internals = (await import('../src/internals.js')) as Record<string, unknown>;
    for (const n of [...TOP_LEVEL_NAMES, ...Object.keys(NAMESPACE_NAMES)])
      assert.ok(n in internals, `internals lacks public ${n}`);
    for (const n of ['PINV_RCOND', 'accumulateB', 'escapeHtml', 'writeFileAtomic', 'searchCdf']) {
      assert.ok(n in internals, `internals lacks ${n}`);
      assert.ok(!(n in isgrad), `${n} is internal but exported by src/index.ts`);
    }
    for (const n of [
      'executeNotebook',
      'firstFailure',
      'setDisplaySink',
      'resetPlotlyLoaded',
      'showDefaults',
    ]) {
      assert.ok(n in internals, `internals lacks notebook plumbing ${n}`);
      assert.ok(!(n in notebook), `${n} is plumbing but exported by isgrad/notebook`);
    }
  });
});
