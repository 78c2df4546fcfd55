import { mkdirSync, writeFileSync } from 'node:fs';
import { formatMeanCi, meanCi, scaleCi, type MeanCi } from '../stats/seed-summary.js';
import { pairedDifference } from '../stats/verdict.js';
import { join } from 'node:path';
import { ciLineFigure } from '../figures/ci-line-figure.js';
import { escapeHtml } from '../figures/gallery-html.js';
import type { Figure } from '../figures/types.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import { movingAverage } from '../stats/moving-average.js';
import { emaisFiguresDefaults, emaisRun, emaisRunOptions } from './emais-figures.js';
import type { RunRecords } from './run-or-load.js';
import type {
  ExperimentModule,
  ExperimentPlan,
  FigureEntry,
  PlanContext,
  ReproduceContext,
  TrainOptions,
} from './types.js';

type Row = Record<string, unknown>;

/** Settings of the [EMAIS] studies (Fig. 7, Table 6, Fig. 10) at one scale, on fmnist-lenet. */
export interface EmaisStudyScale {
  /** Fig. 7: refresh periods K in steps (the paper's K is lost; quick ≈ T/9 and T/3, full T/25 and T/5). */
  refreshEvery: number[];
  /** Table 6: epochs of each total-iteration budget, Adam lr 1e-3 (full: 6250, 12500, 25000 iterations). */
  adamEpochs: number[];
  /** Fig. 10: epochs of each total-iteration budget (full: [EMAIS] Table 1's 6250, 12500, 25000 iterations). */
  budgetEpochs: number[];
  /** Steps of the moving average drawn over per-step efficiency scores. */
  smooth: number;
}

/**
 * Defaults per scale: quick `{ refreshEvery: [50, 150], adamEpochs: [4], budgetEpochs: [4, 6], smooth: 20 }`
 * (≈ 2 min of CPU per study on wasm); full `{ refreshEvery: [1000, 5000], adamEpochs: [13, 27, 54],
 * budgetEpochs: [13, 27, 54], smooth: 200 }` (60k images, 469 steps per epoch: 13, 27, 54 epochs ≈ 6250, 12500,
 * 25000 iterations).
 */
export const emaisStudyDefaults: Readonly<Record<'quick' | 'full', EmaisStudyScale>> = Object.freeze({
  quick: { refreshEvery: [50, 150], adamEpochs: [4], budgetEpochs: [4, 6], smooth: 20 },
  full: { refreshEvery: [1000, 5000], adamEpochs: [13, 27, 54], budgetEpochs: [13, 27, 54], smooth: 200 },
});

/** One run of a study, as plain rows: a label (curve or table column), its seed and its records. */
export interface StudyRun {
  /** Curve or column label, e.g. 'EMAIS, refresh every K = 50' or 'Adam-Scan'. */
  label: string;
  seed: number;
  /** Total training iterations T of the run's budget (the same for every run of one budget). */
  iters: number;
  /** Evaluation rows (step, epoch, trainLoss, testError, ...). */
  evals: Row[];
  /** Step rows (step, epoch, efficiency, ems, ...). */
  steps: Row[];
}

/** One output of a study: a figure (JSON + HTML) or a table page (HTML), with its gallery title and caption. */
export interface StudyOutput {
  file: string;
  title: string;
  caption: string;
  figure?: Figure;
  html?: string;
}

/** The final value of `col` in a run's evaluations (NaN when absent). */
export function finalEval(evals: readonly Row[], col: string): number {
  const v = evals[evals.length - 1]?.[col];
  return typeof v === 'number' ? v : NaN;
}

/** Mean of `col` over a run's step rows with epoch ≥ `fromEpoch` and step < `toStep` (NaN when none). */
function stepMean(steps: readonly Row[], col: string, fromEpoch: number, toStep = Infinity): number {
  let s = 0;
  let n = 0;
  for (const r of steps) {
    const v = r[col];
    if ((r.epoch as number) < fromEpoch || (r.step as number) >= toStep) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    s += v;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/** Per seed (in `seeds` order) one number from the run labelled `label`; throws when a run is missing. */
function perSeed(
  runs: readonly StudyRun[],
  label: string,
  seeds: readonly number[],
  f: (r: StudyRun) => number,
) {
  return seeds.map((seed) => {
    const r = runs.find((x) => x.label === label && x.seed === seed);
    if (r === undefined) throw new Error(`EMAIS study: no run '${label}' for seed ${seed}`);
    return f(r);
  });
}

/** Every `every`-th row of a run's rows, so step-wise intervals stay light in the HTML. */
function thin(rows: readonly Row[], every: number): Row[] {
  return rows.filter((_, i) => i % every === 0);
}

const pct = (ci: MeanCi) => formatMeanCi(scaleCi(ci, 100), 3);

/** Options shared by the study builders. */
export interface StudyOptions {
  /** Seeds, in the order runs are paired. */
  seeds: number[];
  /** 'quick' or 'full', for captions. */
  scale: 'quick' | 'full';
  /** Moving-average window (steps) of per-step curves. */
  smooth: number;
  /** Uniform warm-up epochs of EMAIS (METHODS §5.11). Default 2. */
  warmupEpochs?: number;
}

/**
 * [EMAIS] Fig. 7 (§9.8): EMAIS with extra state refreshes every K steps vs without. `runs` hold the label
 * `baseline` and one label per K (same seeds); `labels` maps them to legend text. Returns three figures:
 * efficiency score vs step (moving average), test error vs epoch and train loss vs epoch (log), with captions
 * that compare each K with no refresh (paired over seeds, 95% t-intervals): mean s after the warm-up, in its
 * first half ("early") and overall, final test error and train loss. The paper: s slightly lower with refresh,
 * particularly early; train loss and test error largely unchanged.
 * @example
 * const [eff, err, loss] = refreshStudy(runs, 'none', ['none', 'K=50'], { 'K=50': 'refresh every 50' }, o);
 */
export function refreshStudy(
  runs: readonly StudyRun[],
  baseline: string,
  order: readonly string[],
  labels: Readonly<Record<string, string>>,
  o: StudyOptions,
): StudyOutput[] {
  const warm = o.warmupEpochs ?? 2;
  const seedsText = `seeds ${o.seeds.join(', ')}, mean and 95% t-interval over seeds, ${o.scale} scale`;
  const T = Math.max(...runs.map((r) => r.iters));
  const warmSteps = (r: StudyRun) =>
    Math.min(...r.steps.filter((s) => (s.epoch as number) >= warm).map((s) => s.step as number));
  const effAll = (r: StudyRun) => stepMean(r.steps, 'efficiency', warm);
  const effEarly = (r: StudyRun) => stepMean(r.steps, 'efficiency', warm, (warmSteps(r) + T) / 2);
  const err = (r: StudyRun) => finalEval(r.evals, 'testError');
  const loss = (r: StudyRun) => finalEval(r.evals, 'trainLoss');
  const base = {
    effAll: perSeed(runs, baseline, o.seeds, effAll),
    effEarly: perSeed(runs, baseline, o.seeds, effEarly),
    err: perSeed(runs, baseline, o.seeds, err),
    loss: perSeed(runs, baseline, o.seeds, loss),
  };
  const others = order.filter((l) => l !== baseline);
  const effText: string[] = [];
  const errText: string[] = [];
  let effLower = 0;
  let errSame = 0;
  for (const l of others) {
    const dEarly = pairedDifference(perSeed(runs, l, o.seeds, effEarly), base.effEarly);
    const dAll = pairedDifference(perSeed(runs, l, o.seeds, effAll), base.effAll);
    const dErr = pairedDifference(perSeed(runs, l, o.seeds, err), base.err);
    const dLoss = pairedDifference(perSeed(runs, l, o.seeds, loss), base.loss);
    if (dEarly.mean < 0) effLower++;
    if (dErr.sign === 0 && dLoss.sign === 0) errSame++;
    effText.push(
      `${labels[l] ?? l}: mean s ${formatMeanCi(meanCi(perSeed(runs, l, o.seeds, effAll)), 3)}, ` +
        `difference to no refresh ${formatMeanCi(dEarly, 3)} in the first half after the warm-up and ` +
        `${formatMeanCi(dAll, 3)} overall`,
    );
    errText.push(
      `${labels[l] ?? l}: final test error ${pct(meanCi(perSeed(runs, l, o.seeds, err)))} %, difference ` +
        `to no refresh ${pct(dErr)} points; train loss difference ${formatMeanCi(dLoss, 3)}`,
    );
  }
  const oneSeed = o.seeds.length < 2;
  const effVerdict =
    (oneSeed ? 'One seed, so no interval; by the means: ' : '') +
    (effLower === others.length
      ? 'Agrees with [EMAIS] Fig. 7: the efficiency score is lower with refreshes, most in the early phase'
      : effLower > 0
        ? 'Partly agrees with [EMAIS] Fig. 7 (s lower with refreshes): only some K lower s early'
        : 'Differs from [EMAIS] Fig. 7: refreshes do not lower the efficiency score');
  const errVerdict = oneSeed
    ? 'One seed: whether train loss and test error are unchanged ([EMAIS] Fig. 7) needs ≥ 2 seeds for an interval.'
    : errSame === others.length
      ? 'Agrees with [EMAIS] Fig. 7: train loss and test error are unchanged within the 95% intervals.'
      : 'Differs in part from [EMAIS] Fig. 7 (loss and error largely unchanged): for some K a paired interval ' +
        'excludes 0.';
  const styles: Record<string, string> = {};
  const palette = ['as', 'is', 'omis', 'mis-bh', 'dlis'];
  others.forEach((l, k) => (styles[l] = palette[k % palette.length]));
  styles[baseline] = 'emais';
  const effRows = runs.flatMap((r) =>
    thin(movingAverage(r.steps, 'efficiency', o.smooth), 5).map((e) => ({ ...e, curve: r.label })),
  );
  const evalRows = runs.flatMap((r) => r.evals.map((e) => ({ ...e, curve: r.label })));
  const common = { group: 'curve', order, labels, styles };
  return [
    {
      file: 'emais-fig7-efficiency',
      title: '[EMAIS] Fig. 7: efficiency score with state refresh every K steps (fmnist-lenet)',
      caption:
        `EMAIS Linear-τ without and with an extra state refresh every K steps (θ frozen, ‖u_i‖ of every ` +
        `training sample fed to UpdateStats, [EMAIS] §9.8); efficiency score s (0 = optimal IS, 1 = uniform), ` +
        `moving average over ${o.smooth} steps; ${seedsText}. No refresh: mean s after the warm-up ` +
        `${formatMeanCi(meanCi(base.effAll), 3)}. ${effText.join('; ')} (paired over seeds). ${effVerdict}.`,
      figure: ciLineFigure(effRows, {
        ...common,
        x: 'step',
        y: 'efficiency',
        title: 'Efficiency score',
        xTitle: 'step',
        yTitle: 'efficiency score s',
      }),
    },
    {
      file: 'emais-fig7-test-error',
      title: '[EMAIS] Fig. 7: test error with state refresh every K steps (fmnist-lenet)',
      caption:
        `Test error vs epoch for the same runs; ${seedsText}. No refresh: final test error ` +
        `${pct(meanCi(base.err))} %. ${errText.join('; ')} (paired over seeds). ${errVerdict}`,
      figure: ciLineFigure(evalRows, {
        ...common,
        x: 'epoch',
        y: 'testError',
        title: 'Test error',
        xTitle: 'epoch',
        yTitle: 'test error',
      }),
    },
    {
      file: 'emais-fig7-train-loss',
      title: '[EMAIS] Fig. 7: train loss with state refresh every K steps (fmnist-lenet)',
      caption:
        `Full training-set loss vs epoch for the same runs; log axis, geometric mean and interval on log10; ` +
        `${seedsText}. No refresh: final train loss ${formatMeanCi(meanCi(base.loss), 3)}.`,
      figure: ciLineFigure(evalRows, {
        ...common,
        x: 'epoch',
        y: 'trainLoss',
        title: 'Train loss',
        xTitle: 'epoch',
        yTitle: 'train loss',
        logY: true,
      }),
    },
  ];
}

/**
 * Test-error table (%) with one row per total-iteration budget and one column per method: mean ± 95% t
 * half-width (n) over seeds; bold = the lowest mean and every mean inside the best method's 95% interval (the
 * paper bolds means within one std of the best).
 * @param title page title.
 * @param runs runs labelled by method, each with its budget `iters`.
 * @param methods column order (labels).
 * @example
 * const html = budgetTableHtml('[EMAIS] Table 6', runs, ['Adam-Scan', 'EMAIS-Adam']);
 */
export function budgetTableHtml(
  title: string,
  runs: readonly StudyRun[],
  methods: readonly string[],
): string {
  const budgets = [...new Set(runs.map((r) => r.iters))].sort((a, b) => a - b);
  let rows = '';
  for (const T of budgets) {
    const cis = methods.map((m) =>
      meanCi(runs.filter((r) => r.iters === T && r.label === m).map((r) => finalEval(r.evals, 'testError'))),
    );
    const best = cis.reduce((b, c, k) => (c.mean < cis[b].mean ? k : b), 0);
    const lo = cis[best].lower ?? cis[best].mean;
    const hi = cis[best].upper ?? cis[best].mean;
    const cells = cis.map((c) => {
      const text = escapeHtml(pct(c));
      return c.mean >= lo && c.mean <= hi ? `<td><b>${text}</b></td>` : `<td>${text}</td>`;
    });
    rows += `<tr><td>${T}</td>${cells.join('')}</tr>\n`;
  }
  return (
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n<h1>${escapeHtml(title)}</h1>\n` +
    `<table border="1" cellpadding="4"><tr><th>total iterations</th>` +
    methods.map((m) => `<th>${escapeHtml(m)}: test error % (mean ± 95% t, n)</th>`).join('') +
    `</tr>\n${rows}</table>\n`
  );
}

/** Per budget, the paired difference of final test errors `a − b` over seeds, as caption text and signs. */
function budgetDiffs(
  runs: readonly StudyRun[],
  a: string,
  b: string,
  seeds: readonly number[],
): { text: string; signs: number[] } {
  const budgets = [...new Set(runs.map((r) => r.iters))].sort((x, y) => x - y);
  const parts: string[] = [];
  const signs: number[] = [];
  for (const T of budgets) {
    const at = runs.filter((r) => r.iters === T);
    const err = (r: StudyRun) => finalEval(r.evals, 'testError');
    const d = pairedDifference(perSeed(at, a, seeds, err), perSeed(at, b, seeds, err));
    signs.push(d.sign);
    parts.push(`T = ${T}: ${pct(d)} points`);
  }
  return { text: `${a} − ${b}: ${parts.join(', ')}`, signs };
}

/**
 * [EMAIS] Table 6 (§9.5): the Adam study, final test error per method and total-iteration budget, with a caption
 * comparing EMAIS-Adam with each other method (paired over seeds, 95% t-intervals). The paper: EMAIS-Adam beats
 * Adam-Scan and Adam-Uni everywhere and is comparable with RAIS-Adam.
 * @param runs labelled 'Adam-Scan', 'Adam-Uni', 'RAIS-Adam', 'EMAIS-Adam' (RAIS-lite under Adam, METHODS §6.4).
 * @example
 * const [table] = adamStudy(runs, { seeds: [1, 2, 3], scale: 'quick', smooth: 20 });
 */
export function adamStudy(runs: readonly StudyRun[], o: StudyOptions): StudyOutput[] {
  const methods = ['Adam-Scan', 'Adam-Uni', 'RAIS-Adam', 'EMAIS-Adam'];
  const title = '[EMAIS] Table 6: the Adam study, final test error (fmnist-lenet)';
  const vs = methods.slice(0, 3).map((m) => budgetDiffs(runs, 'EMAIS-Adam', m, o.seeds));
  const beatsUniform = [...vs[0].signs, ...vs[1].signs];
  const oneSeed = o.seeds.length < 2;
  const verdictUniform = oneSeed
    ? 'One seed, so no interval: [EMAIS] Table 6 (EMAIS-Adam better than Adam-Scan and Adam-Uni) is not tested'
    : beatsUniform.every((s) => s < 0)
      ? 'Agrees with [EMAIS] Table 6: EMAIS-Adam has a lower test error than Adam-Scan and Adam-Uni at every budget'
      : beatsUniform.some((s) => s < 0)
        ? 'Partly agrees with [EMAIS] Table 6 (EMAIS-Adam better than Adam-Scan and Adam-Uni everywhere): lower ' +
          'in some comparisons, the others within the interval'
        : beatsUniform.some((s) => s > 0)
          ? 'Differs from [EMAIS] Table 6: EMAIS-Adam is worse than a uniform Adam baseline in some comparison'
          : 'Differs from [EMAIS] Table 6 (EMAIS-Adam better than Adam-Scan and Adam-Uni): no difference is resolved';
  const verdictRais = oneSeed
    ? 'nor is its "comparable with RAIS-Adam"'
    : vs[2].signs.every((s) => s === 0)
      ? 'as in the paper, EMAIS-Adam and RAIS-Adam are comparable (every interval contains 0)'
      : 'unlike the paper’s "comparable", EMAIS-Adam and RAIS-Adam differ at some budget';
  return [
    {
      file: 'emais-table6',
      title,
      caption:
        `Adam (lr 1e-3, cosine decay, weight decay 1e-3, B = 128) with SGD-Scan-style (Adam-Scan) and with-replacement ` +
        `(Adam-Uni) uniform draws, RAIS-lite (RAIS-Adam) and EMAIS Linear-τ with the square-root rule η·√(B_eff/B) ` +
        `(EMAIS-Adam); final test error, ${o.scale} scale, seeds ${o.seeds.join(', ')}, 95% t-intervals. Paired ` +
        `differences over seeds: ${vs.map((v) => v.text).join('; ')}. ${verdictUniform}; ${verdictRais}.`,
      html: budgetTableHtml(title, runs, methods),
    },
  ];
}

/**
 * [EMAIS] Fig. 10 (App. C.2): EMAIS Linear-τ over total-iteration budgets, with SGD-Scan as the uniform reference.
 * Runs are labelled 'EMAIS Linear-τ' and 'SGD-Scan', each with its budget `iters`. Returns the efficiency score
 * vs step per budget (EMAIS; the paper's figure, on CINIC-10 there) and the final test error vs budget per
 * method; captions give the tail mean of s (last quarter) per budget and the paired difference EMAIS − SGD-Scan
 * per budget (95% t-intervals over seeds).
 * @example
 * const [eff, err] = budgetStudy(runs, { seeds: [1, 2, 3], scale: 'quick', smooth: 20 });
 */
export function budgetStudy(runs: readonly StudyRun[], o: StudyOptions): StudyOutput[] {
  const warm = o.warmupEpochs ?? 2;
  const seedsText = `seeds ${o.seeds.join(', ')}, mean and 95% t-interval over seeds, ${o.scale} scale`;
  const emais = runs.filter((r) => r.label === 'EMAIS Linear-τ');
  const budgets = [...new Set(emais.map((r) => r.iters))].sort((a, b) => a - b);
  const tail = (r: StudyRun) => {
    const v = r.steps
      .filter((s) => (s.epoch as number) >= warm)
      .map((s) => s.efficiency)
      .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    const t = v.slice(Math.floor(0.75 * v.length)); // last quarter of the IS phase
    return t.length === 0 ? NaN : t.reduce((a, b) => a + b, 0) / t.length;
  };
  const tails = budgets.map((T) =>
    meanCi(
      perSeed(
        emais.filter((r) => r.iters === T),
        'EMAIS Linear-τ',
        o.seeds,
        tail,
      ),
    ),
  );
  const effVerdict = tails.every((c) => (c.upper ?? c.mean) < 1)
    ? 'As in [EMAIS] Fig. 10 (CINIC-10 there), Linear-τ keeps s below 1 at the end of every budget, without a τ to tune'
    : 'Unlike [EMAIS] Fig. 10 (CINIC-10 there), s is not clearly below 1 at the end of some budget';
  const d = budgetDiffs(runs, 'EMAIS Linear-τ', 'SGD-Scan', o.seeds);
  const errVerdict =
    o.seeds.length < 2
      ? 'One seed, so no interval: [EMAIS] Table 2 (EMAIS below SGD-Scan at every budget) is not tested'
      : d.signs.every((s) => s < 0)
        ? 'Agrees with [EMAIS] Table 2 (EMAIS below SGD-Scan at every FMNIST budget)'
        : d.signs.some((s) => s > 0)
          ? 'Differs from [EMAIS] Table 2 (EMAIS below SGD-Scan at every budget): EMAIS is worse at some budget'
          : d.signs.some((s) => s < 0)
            ? 'Partly agrees with [EMAIS] Table 2 (EMAIS below SGD-Scan at every budget): resolved at some budgets only'
            : 'Not resolved at this scale: every interval of the paired difference contains 0 ([EMAIS] Table 2: EMAIS ' +
              'below SGD-Scan at every budget)';
  const curve = (T: number) => `T = ${T}`;
  const effRows = emais.flatMap((r) =>
    thin(movingAverage(r.steps, 'efficiency', o.smooth), 5).map((e) => ({ ...e, curve: curve(r.iters) })),
  );
  const styles: Record<string, string> = {};
  const palette = ['is', 'as', 'emais', 'omis', 'dlis'];
  budgets.forEach((T, k) => (styles[curve(T)] = palette[k % palette.length]));
  const finals = runs.map((r) => ({
    method: r.label,
    iters: r.iters,
    testError: finalEval(r.evals, 'testError'),
  }));
  return [
    {
      file: 'emais-fig10-efficiency',
      title: '[EMAIS] Fig. 10: efficiency score of Linear-τ over total-iteration budgets (fmnist-lenet)',
      caption:
        `EMAIS Linear-τ trained for T total iterations (cosine schedule to 0 at T, 2 warm-up epochs); efficiency ` +
        `score s, moving average over ${o.smooth} steps; ${seedsText}. Tail mean of s (last quarter after the ` +
        `warm-up): ${budgets.map((T, k) => `T = ${T}: ${formatMeanCi(tails[k], 3)}`).join('; ')}. ${effVerdict}.`,
      figure: ciLineFigure(effRows, {
        x: 'step',
        y: 'efficiency',
        group: 'curve',
        title: 'Efficiency score per budget',
        xTitle: 'step',
        yTitle: 'efficiency score s',
        order: budgets.map(curve),
        labels: Object.fromEntries(budgets.map((T) => [curve(T), `EMAIS Linear-τ, T = ${T}`])),
        styles,
      }),
    },
    {
      file: 'emais-fig10-test-error',
      title:
        '[EMAIS] Fig. 10: final test error vs total iterations, EMAIS Linear-τ and SGD-Scan (fmnist-lenet)',
      caption:
        `Final test error of runs trained for T total iterations (cosine schedule to 0 at T); ${seedsText}. ` +
        `Paired difference over seeds: ${d.text}. ${errVerdict}.`,
      figure: ciLineFigure(finals, {
        x: 'iters',
        y: 'testError',
        group: 'method',
        title: 'Final test error per budget',
        xTitle: 'total iterations T',
        yTitle: 'final test error',
        order: ['SGD-Scan', 'EMAIS Linear-τ'],
        labels: { 'SGD-Scan': 'SGD-Scan', 'EMAIS Linear-τ': 'EMAIS Linear-τ' },
        styles: { 'SGD-Scan': 'uniform', 'EMAIS Linear-τ': 'emais' },
      }),
    },
  ];
}

/** A run's records as a {@link StudyRun}. */
function studyRun(label: string, seed: number, r: RunRecords): StudyRun {
  const steps = r.steps.objects() as Row[];
  return { label, seed, iters: steps.length, evals: r.evals.objects() as Row[], steps };
}

type Study = 'fig7' | 'table6' | 'fig10';

/** One run of the studies. */
interface Planned {
  study: Study;
  label: string;
  epochs: number;
  seed: number;
  options: TrainOptions;
  /** Trained by another EMAIS part too (same config): not counted in this study's cost. */
  shared: boolean;
}

const none = 'no refresh';
const kLabel = (K: number) => `refresh every K = ${K}`;

/** Every run of the studies, in figure order, over the context's seeds. */
function emaisStudyRuns(ctx: PlanContext): Planned[] {
  const s = emaisStudyDefaults[ctx.scale];
  const baseEpochs = emaisFiguresDefaults[ctx.scale].epochs;
  const adam = { optimizer: 'adam', lr: 1e-3 } as const; // [EMAIS] §9.5: Adam, lr 1e-3, cosine
  const emaisSeeds = ctx.seeds.slice(0, emaisFiguresDefaults[ctx.scale].seedCount);
  const plan: Planned[] = [];
  const add = (
    study: Study,
    label: string,
    options: Partial<TrainOptions> & Pick<TrainOptions, 'method'>,
    shared: (seed: number) => boolean = () => false,
  ) => {
    const epochs = options.epochs ?? baseEpochs;
    for (const seed of ctx.seeds) {
      const o = emaisRunOptions(ctx, options, seed);
      plan.push({ study, label, epochs, seed, options: o, shared: shared(seed) });
    }
  };
  add('fig7', none, { method: 'emais' }, () => true); // the EMAIS parts' Linear-τ run (emais-extra: every seed)
  for (const K of s.refreshEvery)
    add('fig7', kLabel(K), { method: 'emais', methodOptions: { refreshEvery: K } });
  for (const epochs of s.adamEpochs) {
    add('table6', 'Adam-Scan', { method: 'uniform', epochs, ...adam });
    add('table6', 'Adam-Uni', { method: 'uniform-replace', epochs, ...adam });
    add('table6', 'RAIS-Adam', { method: 'rais', epochs, ...adam });
    add('table6', 'EMAIS-Adam', { method: 'emais', epochs, ...adam }); // lrAdjust 'auto' → sqrt under Adam
  }
  for (const epochs of s.budgetEpochs) {
    add('fig10', 'EMAIS Linear-τ', { method: 'emais', epochs }, () => epochs === baseEpochs);
    add(
      'fig10',
      'SGD-Scan',
      { method: 'uniform', epochs },
      (seed) => epochs === baseEpochs && emaisSeeds.includes(seed),
    );
  }
  return plan;
}

/**
 * The 'emais-studies' part's plan: every run of [EMAIS] Fig. 7, Table 6 and Fig. 10 (shared runs included: the
 * runner trains a run once), which the main job queues on its workers at the start.
 * @example
 * emaisStudiesPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // 30
 */
export const emaisStudiesPlan: ExperimentPlan = (ctx) => emaisStudyRuns(ctx).map((p) => p.options);

/**
 * [EMAIS] studies on fmnist-lenet with the EMAIS part's settings ({@link emaisFiguresDefaults}; lr 0.01, momentum
 * 0.9, weight decay 1e-3, B = 128, cosine), over the context's seeds, settings {@link emaisStudyDefaults}:
 * - Fig. 7: EMAIS Linear-τ with a state refresh every K steps (`refreshEvery`) vs without (the EMAIS parts' run).
 * - Table 6: Adam-Scan, Adam-Uni, RAIS-Adam, EMAIS-Adam (sqrt rule), Adam lr 1e-3, per budget.
 * - Fig. 10: EMAIS Linear-τ and SGD-Scan over total-iteration budgets.
 * Every run is planned first and trained on the sweep runner's workers (`ctx.prefetch`); runs shared with the
 * other EMAIS parts (same configs) are loaded.
 * @example
 * const entries = await reproduceEmaisStudies(ctx);
 */
export const reproduceEmaisStudies: ExperimentModule = async (
  ctx: ReproduceContext,
): Promise<FigureEntry[]> => {
  const s = emaisStudyDefaults[ctx.scale];
  const plan = emaisStudyRuns(ctx);
  await ctx.prefetch(plan.map((p) => p.options)); // queued at the job's start (emaisStudiesPlan); loaded below
  const run = emaisRun(ctx);
  const loaded: { p: Planned; r: StudyRun }[] = [];
  for (const p of plan) {
    const { task: _t, seed: _s, ...options } = p.options;
    const r = await run(`${p.study} ${p.label}`, options, p.seed);
    loaded.push({ p, r: studyRun(p.label, p.seed, r) });
  }
  // A budget's T is its longest run (SGD-Scan: epochs·⌈N/B⌉; EMAIS draws ⌊N/B⌋ per IS epoch, RAIS may stop early).
  const iters = new Map<string, number>();
  for (const { p, r } of loaded) {
    const k = `${p.study}|${p.epochs}`;
    iters.set(k, Math.max(iters.get(k) ?? 0, r.iters));
  }
  const runs: Record<Study, StudyRun[]> = { fig7: [], table6: [], fig10: [] };
  for (const { p, r } of loaded)
    runs[p.study].push({ ...r, iters: iters.get(`${p.study}|${p.epochs}`) ?? r.iters });
  const cpu = (study: Study) =>
    loaded
      .filter(({ p }) => p.study === study && !p.shared)
      .reduce(
        (a, { r }) => a + r.steps.reduce((b, x) => b + (typeof x.msCpu === 'number' ? x.msCpu : 0), 0),
        0,
      ) / 1000;
  const o: StudyOptions = { seeds: ctx.seeds, scale: ctx.scale, smooth: s.smooth };
  const labels: Record<string, string> = { [none]: 'EMAIS, no refresh' };
  for (const K of s.refreshEvery) labels[kLabel(K)] = `EMAIS, refresh every K = ${K}`;
  const outputs: StudyOutput[] = [
    ...refreshStudy(runs.fig7, none, [none, ...s.refreshEvery.map(kLabel)], labels, o).map((x, k) =>
      k === 0 ? withCost(x, cpu('fig7')) : x,
    ),
    ...adamStudy(runs.table6, o).map((x) => withCost(x, cpu('table6'))),
    ...budgetStudy(runs.fig10, o).map((x, k) => (k === 1 ? withCost(x, cpu('fig10')) : x)),
  ];
  mkdirSync(ctx.figures, { recursive: true });
  return outputs.map((x) => {
    if (x.figure !== undefined) {
      writeFigureHtml(x.figure, join(ctx.figures, `${x.file}.html`), { title: x.title });
      writeFigureJson(x.figure, join(ctx.figures, `${x.file}.json`));
    } else writeFileSync(join(ctx.figures, `${x.file}.html`), x.html ?? '');
    return { title: x.title, file: `${x.file}.html`, caption: x.caption };
  });
};

/** Appends the study's training cost (CPU seconds in the steps of the runs no other part trains) to a caption. */
function withCost(x: StudyOutput, seconds: number): StudyOutput {
  return {
    ...x,
    caption: `${x.caption} Cost: ${seconds.toFixed(0)} s CPU in the training steps of this study's own runs.`,
  };
}
