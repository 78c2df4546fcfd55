import { mkdirSync, writeFileSync } from 'node:fs';
import { ciAbove, ciBelow, formatMeanCi, meanCi, scaleCi } from '../stats/seed-summary.js';
import { join } from 'node:path';
import { escapeHtml } from '../figures/gallery-html.js';
import { lineBandFigure } from '../figures/line-band-figure.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import '../builtins.js';
import type { TrainConfig } from '../train/config.js';
import { runOrLoad, type RunRecords } from './run-or-load.js';
import type {
  ExperimentModule,
  ExperimentPlan,
  FigureEntry,
  PlanContext,
  ReproduceContext,
  TrainOptions,
} from './types.js';

/** Settings of the EMAIS FMNIST comparison at one scale ([EMAIS] Table 2, Figs. 1–2; METHODS §7.3). */
export interface EmaisFiguresScale {
  /** Training epochs (quick: 6 epochs of 10k images ≈ 470 steps; full: 54 epochs of 60k ≈ 25,000 steps). */
  epochs: number;
  /** Fixed τ values of Fig. 1 (FMNIST: {1000, 5000, 10000, 25000} at 25k steps; quick scales them by T/25000). */
  taus: number[];
  /** Seeds used (quick: the first of the context's seeds, to stay within minutes). */
  seedCount: number;
  /** Steps of the moving average drawn over the per-step efficiency score and EMS. */
  smooth: number;
}

/** Defaults per scale: `{ quick: { epochs: 6, taus: [20, 100, 200, 470], seedCount: 3, smooth: 20 }, full: ... }`. */
export const emaisFiguresDefaults: Readonly<Record<'quick' | 'full', EmaisFiguresScale>> = Object.freeze({
  quick: { epochs: 6, taus: [20, 100, 200, 470], seedCount: 3, smooth: 20 }, // ≥ 3 seeds per comparison, so each curve has a spread
  full: { epochs: 54, taus: [1000, 5000, 10000, 25000], seedCount: 5, smooth: 200 },
});

type Row = Record<string, unknown>;

/** Trailing moving average of column y within each (method, seed) series, ordered by step. */
function smoothRows(rows: Row[], y: string, k: number): Row[] {
  const out: Row[] = [];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${String(r.method)}|${String(r.seed)}`;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => (a.step as number) - (b.step as number));
    let sum = 0;
    const win: number[] = [];
    for (const r of g) {
      const v = r[y];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      win.push(v);
      sum += v;
      if (win.length > k) sum -= win.shift() ?? 0;
      out.push({ ...r, [y]: sum / win.length });
    }
  }
  return out;
}

function relabel(run: RunRecords, label: string, which: 'steps' | 'evals'): Row[] {
  return (run[which].objects() as Row[]).map((r) => ({ ...r, method: label }));
}

/**
 * Options of one run of the EMAIS set-up on fmnist-lenet (the scale's epochs, cosine schedule, an evaluation per
 * epoch): the one definition shared by the EMAIS figure parts and their plans, so that they load each other's runs.
 * @example
 * emaisRunOptions({ scale: 'quick' }, { method: 'emais' }, 1); // { task: 'fmnist-lenet', epochs: 6, ... }
 */
export function emaisRunOptions(
  ctx: Pick<PlanContext, 'scale'>,
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
): TrainOptions {
  const s = emaisFiguresDefaults[ctx.scale];
  const base: Partial<TrainConfig> = { scale: ctx.scale, epochs: s.epochs, schedule: 'cosine', evalEvery: 0 };
  return { task: 'fmnist-lenet', ...base, ...options, seed };
}

/**
 * Trains (or loads) one run of the EMAIS set-up ({@link emaisRunOptions}) and logs it.
 * @example
 * const run = emaisRun(ctx);
 * const r = await run('EMAIS', { method: 'emais' }, 1);
 */
export function emaisRun(
  ctx: ReproduceContext,
): (
  label: string,
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
) => Promise<RunRecords> {
  return async (label, options, seed) => {
    const r = await runOrLoad(emaisRunOptions(ctx, options, seed), ctx.results, ctx.hooks(label));
    ctx.log(
      `${r.cached ? 'loaded' : 'trained'} ${label} seed ${seed} (${r.wallSeconds.toFixed(1)} s) → ${r.dir}`,
    );
    return r;
  };
}

/** The fixed-method runs of [EMAIS] Table 2 (label, method), in table order; EMAIS itself follows them. */
export const emaisBaselineRuns: readonly (readonly [string, string])[] = [
  ['SGD-Scan', 'uniform'],
  ['SGD-Uni', 'uniform-replace'],
  ['IS', 'is'],
  // [EMAIS] Table 2's other baselines (METHODS §6): all with a plain or IS-weighted gradient, same budget
  ['RAIS-lite', 'rais'],
  ['Presampling-IS', 'presampling-is'],
  ['Confidence', 'confidence'],
  ['ConfVar', 'confvar'],
  ['Self-paced', 'self-paced'],
];

/**
 * The 'emais' part's plan: per seed, the Table 2 baselines, EMAIS Linear-τ and EMAIS per fixed τ. The dynamic-batch
 * SGD-Uni run is not in it: its batch sizes come from the Linear-τ run's records (the part submits it then).
 * @example
 * emaisPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // (8 + 1 + 4) × 3
 */
export const emaisPlan: ExperimentPlan = (ctx) => {
  const s = emaisFiguresDefaults[ctx.scale];
  return ctx.seeds
    .slice(0, s.seedCount)
    .flatMap((seed) => [
      ...emaisBaselineRuns.map(([, method]) => emaisRunOptions(ctx, { method }, seed)),
      emaisRunOptions(ctx, { method: 'emais' }, seed),
      ...s.taus.map((tau) => emaisRunOptions(ctx, { method: 'emais', methodOptions: { tau } }, seed)),
    ]);
};

/** Final test errors of one curve of the EMAIS part, one per seed (paired across curves by position). */
export interface EmaisFinals {
  label: string;
  errors: number[];
}

const pctCi = (v: readonly number[]) => {
  const c = meanCi(v.filter(Number.isFinite));
  return formatMeanCi(scaleCi(c, 100), 3);
};
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** 'a − b: d ± h (n = k) points' over seeds (paired by position), and its sign (0 when n < 2 or 0 is inside). */
function diffText(a: EmaisFinals, b: EmaisFinals): { text: string; sign: number } {
  const c = meanCi(a.errors.map((e, i) => e - b.errors[i]));
  const sign = ciBelow(c) ? -1 : ciAbove(c) ? 1 : 0;
  const text = `${a.label} − ${b.label} ${formatMeanCi(scaleCi(c, 100), 3)} points`;
  return { text, sign };
}

function byLabel(finals: readonly EmaisFinals[], label: string): EmaisFinals {
  const f = finals.find((x) => x.label === label);
  if (f === undefined || f.errors.length === 0)
    throw new Error(`EMAIS part: no final test error for '${label}'`);
  return f;
}

/** Note added when one seed gives no interval. */
const oneSeedNote = (n: number) =>
  n < 2 ? ' With one seed there is no interval; pass more seeds (full scale: 5) for one.' : '';

/**
 * The computed statement of [EMAIS] Table 2's caption: EMAIS Linear-τ's rank by mean final test error among the
 * Table 2 methods, and its paired differences (over seeds, 95% t-interval, in points) to SGD-Scan and SGD-Uni.
 * The paper: EMAIS is the best (bold) FMNIST method at every budget.
 * @param finals the Table 2 methods' finals, including 'EMAIS Linear-τ', 'SGD-Scan' and 'SGD-Uni'.
 * @example
 * table2Statement([{ label: 'EMAIS Linear-τ', errors: [0.1] }, { label: 'SGD-Scan', errors: [0.2] }, ...]);
 */
export function table2Statement(finals: readonly EmaisFinals[]): string {
  const emais = byLabel(finals, 'EMAIS Linear-τ');
  const ranked = [...finals].sort((a, b) => mean(a.errors) - mean(b.errors));
  const rank = ranked.findIndex((f) => f.label === emais.label) + 1;
  const d = ['SGD-Scan', 'SGD-Uni'].map((l) => diffText(emais, byLabel(finals, l)));
  const verdict =
    rank === 1
      ? 'Agrees with [EMAIS] Table 2: EMAIS has the lowest mean test error'
      : `Differs from [EMAIS] Table 2 (EMAIS best): EMAIS ranks ${rank} of ${finals.length} by mean, after ` +
        `${ranked
          .slice(0, rank - 1)
          .map((f) => `${f.label} ${pctCi(f.errors)} %`)
          .join(', ')}`;
  return (
    `${verdict}; EMAIS ${pctCi(emais.errors)} %; paired differences ${d.map((x) => x.text).join(', ')}` +
    `${d.every((x) => x.sign < 0) ? ' (both below 0, as in the paper)' : ''}.${oneSeedNote(emais.errors.length)}`
  );
}

/**
 * The computed statement of [EMAIS] Fig. 2's caption: EMAIS vs SGD-Uni with batch B_eff,t (the paper: nearly the
 * same curves) and vs SGD-Uni and SGD-Scan at B = 128 (the paper: EMAIS better), final test errors paired over seeds.
 * @example
 * fig2Statement(finals); // 'EMAIS Linear-τ − SGD-Uni (B = B_eff,t) …'
 */
export function fig2Statement(finals: readonly EmaisFinals[]): string {
  const emais = byLabel(finals, 'EMAIS Linear-τ');
  const dyn = diffText(emais, byLabel(finals, 'SGD-Uni (B = B_eff,t)'));
  const fixed = ['SGD-Uni', 'SGD-Scan'].map((l) => diffText(emais, byLabel(finals, l)));
  const n = emais.errors.length;
  const dynVerdict =
    n < 2
      ? 'one seed: the match with the dynamic-batch run ([EMAIS] Fig. 2) is not tested'
      : dyn.sign === 0
        ? 'as in [EMAIS] Fig. 2, EMAIS matches SGD-Uni with batch B_eff,t (interval contains 0)'
        : 'unlike [EMAIS] Fig. 2, EMAIS and SGD-Uni with batch B_eff,t differ';
  const fixedVerdict = fixed.every((x) => x.sign < 0)
    ? 'as in the paper, EMAIS beats both at B = 128'
    : ['SGD-Uni', 'SGD-Scan'].every((l) => mean(emais.errors) < mean(byLabel(finals, l).errors))
      ? 'EMAIS is below both at B = 128 on average (the paper: better), not resolved by the intervals'
      : 'unlike the paper, EMAIS is not below both at B = 128';
  return (
    `Final test errors: EMAIS ${pctCi(emais.errors)} %; ${dyn.text} (${dynVerdict}); ` +
    `${fixed.map((x) => x.text).join(', ')} (${fixedVerdict}).${oneSeedNote(n)}`
  );
}

/**
 * The computed statement of [EMAIS] Fig. 1's caption from each curve's mean efficiency score after the warm-up,
 * over its first half ('early') and over all of it, one value per seed. The paper (FMNIST, Fig. 1b): smaller
 * fixed τ gives smaller s early; Linear-τ slightly above the smallest τ but small throughout.
 * @param curves fixed-τ curves (`tau` > 0) and the Linear-τ curve (`tau` 0).
 * @example
 * fig1Statement([{ tau: 0, early: [0.3], all: [0.35] }, { tau: 20, early: [0.25], all: [0.4] }]);
 */
export function fig1Statement(curves: readonly { tau: number; early: number[]; all: number[] }[]): string {
  const fixed = curves.filter((c) => c.tau > 0).sort((a, b) => a.tau - b.tau);
  const lin = curves.find((c) => c.tau === 0);
  if (lin === undefined || fixed.length === 0) throw new Error('fig1Statement: needs Linear-τ and a fixed τ');
  const fmt = (v: readonly number[]) => formatMeanCi(meanCi(v), 3);
  const early = fixed.map((c) => mean(c.early));
  const monotone = early.every((v, k) => k === 0 || v >= early[k - 1]);
  const linAll = meanCi(lin.all);
  return (
    `Mean s in the first half after the warm-up: ${fixed.map((c) => `τ = ${c.tau}: ${fmt(c.early)}`).join(', ')}, ` +
    `Linear-τ ${fmt(lin.early)}; over the whole run Linear-τ ${fmt(lin.all)}, τ = ${fixed[0].tau} ` +
    `${fmt(fixed[0].all)}. ` +
    (monotone
      ? 'As in [EMAIS] Fig. 1(b), smaller fixed τ gives smaller s early'
      : 'Unlike [EMAIS] Fig. 1(b), s early does not grow with τ') +
    (linAll.mean < 1
      ? `; Linear-τ keeps s below 1 (${mean(lin.all) >= mean(fixed[0].all) ? 'slightly above the smallest τ, as in the paper' : 'below the smallest τ, where the paper has it slightly above'}).`
      : '; unlike the paper, Linear-τ does not keep s below 1.') +
    oneSeedNote(lin.all.length)
  );
}

/**
 * [EMAIS] FMNIST experiments (METHODS §7.3) on fmnist-lenet with the task's SGD settings (lr 0.01, momentum 0.9,
 * weight decay 1e-3, B = 128) and a cosine schedule: SGD-Scan, SGD-Uni, memory IS, EMAIS with fixed τ and
 * Linear-τ, and SGD-Uni with EMAIS's per-step batch size round(B_eff,t) (Fig. 2). Writes: efficiency score vs step
 * per τ (Fig. 1), B_eff vs step (Fig. 2c), test error of EMAIS vs the dynamic-batch SGD-Uni and the baselines
 * (Fig. 2), and a table of final test errors (Table 2). Quick scale: 6 epochs of 10k images (~470 steps), one
 * seed; full scale (`scale: 'full'`): 54 epochs of 60k images (≈ 25,000 steps, the paper's longest run).
 *
 * @param ctx the reproduce context (scale, seeds, results and figures folders, log, hooks).
 * @returns the figures written, for the gallery.
 * @example
 * const entries = await reproduceEmais({ scale: 'quick', seeds: [1], results: 'results', figures: 'figures',
 *   log: console.error, hooks: () => ({}) });
 */
export const reproduceEmais: ExperimentModule = async (ctx: ReproduceContext): Promise<FigureEntry[]> => {
  const s = emaisFiguresDefaults[ctx.scale];
  const seeds = ctx.seeds.slice(0, s.seedCount);
  const run = emaisRun(ctx);
  const stepRows: Row[] = [];
  const evalRows: Row[] = [];
  const finals: EmaisFinals[] = [];
  const effCurves: { tau: number; early: number[]; all: number[] }[] = [];
  /** Mean s after the warm-up (2 epochs), over its first half and over all of it ([EMAIS] Fig. 1). */
  const addEff = (tau: number, r: RunRecords) => {
    const steps = (r.steps.objects() as Row[]).filter(
      (x) => (x.epoch as number) >= 2 && typeof x.efficiency === 'number' && Number.isFinite(x.efficiency),
    );
    const mid = steps.length === 0 ? 0 : ((steps[0].step as number) + r.steps.numRows()) / 2;
    const m = (v: Row[]) => v.reduce((a, x) => a + (x.efficiency as number), 0) / Math.max(1, v.length);
    let c = effCurves.find((x) => x.tau === tau);
    if (c === undefined) effCurves.push((c = { tau, early: [], all: [] }));
    c.early.push(m(steps.filter((x) => (x.step as number) < mid)));
    c.all.push(m(steps));
  };
  const addFinal = (label: string, r: RunRecords) => {
    const ev = r.evals.objects() as Row[];
    const last = ev[ev.length - 1]?.testError;
    let f = finals.find((x) => x.label === label);
    if (f === undefined) finals.push((f = { label, errors: [] }));
    if (typeof last === 'number') f.errors.push(last);
  };
  await ctx.prefetch(emaisPlan(ctx)); // on the runner's workers; the loop below loads them
  for (const seed of seeds) {
    for (const [label, method] of emaisBaselineRuns) {
      const r = await run(label, { method }, seed);
      evalRows.push(...relabel(r, label, 'evals'));
      addFinal(label, r);
    }
    const linear = await run('EMAIS Linear-τ', { method: 'emais' }, seed);
    stepRows.push(...relabel(linear, 'EMAIS Linear-τ', 'steps'));
    evalRows.push(...relabel(linear, 'EMAIS Linear-τ', 'evals'));
    addFinal('EMAIS Linear-τ', linear);
    addEff(0, linear);
    for (const tau of s.taus) {
      const label = `EMAIS τ=${tau}`;
      const r = await run(label, { method: 'emais', methodOptions: { tau } }, seed);
      stepRows.push(...relabel(r, label, 'steps'));
      addFinal(label, r);
      addEff(tau, r);
    }
    // [EMAIS] Fig. 2: SGD-Uni with the batch size B_eff,t recorded from the EMAIS run (linear LR rule)
    const ems = (linear.steps.objects() as Row[]).map((r) => (typeof r.ems === 'number' ? r.ems : 128));
    const dynOptions = {
      method: 'uniform-dynamic',
      methodOptions: { batchSizes: ems.map((v) => Math.max(1, Math.round(v))) },
    };
    // It depends on the Linear-τ run, so it could not be planned: on a worker ahead of the queue, then loaded.
    await ctx.prefetch([emaisRunOptions(ctx, dynOptions, seed)], { first: true });
    const dyn = await run('SGD-Uni (B = B_eff,t)', dynOptions, seed);
    evalRows.push(...relabel(dyn, 'SGD-Uni (B = B_eff,t)', 'evals'));
    addFinal('SGD-Uni (B = B_eff,t)', dyn);
  }
  mkdirSync(ctx.figures, { recursive: true });
  const entries: FigureEntry[] = [];
  const emit = (file: string, title: string, caption: string, fig: ReturnType<typeof lineBandFigure>) => {
    writeFigureHtml(fig, join(ctx.figures, `${file}.html`), { title });
    writeFigureJson(fig, join(ctx.figures, `${file}.json`));
    entries.push({ title, file: `${file}.html`, caption });
  };
  const tauOrder = ['EMAIS Linear-τ', ...s.taus.map((t) => `EMAIS τ=${t}`)];
  emit(
    'emais-fig1-efficiency',
    '[EMAIS] Fig. 1: efficiency score vs step, fixed τ vs Linear-τ (fmnist-lenet)',
    `Efficiency score (METHODS §5.7: 0 = optimal IS, 1 = uniform) from logit gradients, moving average over ` +
      `${s.smooth} steps; warm-up (2 epochs SGD-Scan) has s = 1. ${ctx.scale} scale, seeds ${seeds.join(', ')}, ` +
      `95% t-intervals over seeds. ${fig1Statement(effCurves)}`,
    lineBandFigure(smoothRows(stepRows, 'efficiency', s.smooth), {
      x: 'step',
      y: 'efficiency',
      title: 'Efficiency score per τ',
      xTitle: 'step',
      yTitle: 'efficiency score s',
      order: tauOrder,
    }),
  );
  emit(
    'emais-ems',
    'EMAIS: effective minibatch size B_eff vs step (fmnist-lenet, B = 128)',
    `B_eff = B·trU/trIS ([EMAIS] Eq. 7) from logit gradients, moving average over ${s.smooth} steps; it sets the ` +
      'learning-rate factor B_eff/B (Eq. 8) and the batch sizes of the dynamic SGD-Uni run.',
    lineBandFigure(
      smoothRows(
        stepRows.filter((r) => r.method === 'EMAIS Linear-τ'),
        'ems',
        s.smooth,
      ),
      { x: 'step', y: 'ems', title: 'B_eff (Linear-τ)', xTitle: 'step', yTitle: 'B_eff' },
    ),
  );
  emit(
    'emais-fig2-test-error',
    '[EMAIS] Fig. 2: EMAIS vs SGD-Uni with batch size B_eff,t, and baselines (fmnist-lenet)',
    'Test error vs step. SGD-Uni (B = B_eff,t) draws round(B_eff,t) samples at step t as recorded from the EMAIS ' +
      `Linear-τ run, with the learning rate scaled by B_eff,t/B. ${ctx.scale} scale, seeds ${seeds.join(', ')}. ` +
      fig2Statement(finals),
    lineBandFigure(evalRows, {
      x: 'step',
      y: 'testError',
      title: 'Test error',
      xTitle: 'step',
      yTitle: 'test error',
      order: ['SGD-Scan', 'SGD-Uni', 'IS', 'EMAIS Linear-τ', 'SGD-Uni (B = B_eff,t)'],
    }),
  );
  const fmt = (v: number[]) => (v.length === 0 ? '—' : pctCi(v));
  const rowsHtml = finals
    .map((f) => `<tr><td>${escapeHtml(f.label)}</td><td>${escapeHtml(fmt(f.errors))}</td></tr>`)
    .join('\n');
  const table2Labels = new Set([...emaisBaselineRuns.map(([l]) => l), 'EMAIS Linear-τ']);
  const tableTitle = '[EMAIS] Table 2: final test error (%) on fmnist-lenet';
  writeFileSync(
    join(ctx.figures, 'emais-table2.html'),
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(tableTitle)}</title>\n<h1>${escapeHtml(tableTitle)}</h1>\n` +
      `<table border="1" cellpadding="4"><tr><th>method</th><th>test error % (mean ± 95% t over seeds, n)</th></tr>\n` +
      `${rowsHtml}\n</table>\n`,
  );
  entries.push({
    title: tableTitle,
    file: 'emais-table2.html',
    caption:
      `Mean ± 95% t-interval over seeds of the test error at the end of training, ${ctx.scale} scale, seeds ` +
      `${seeds.join(', ')}. ${table2Statement(finals.filter((f) => table2Labels.has(f.label)))}`,
  });
  return entries;
};
