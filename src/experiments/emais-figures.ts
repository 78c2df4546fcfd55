import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../figures/gallery-html.js';
import { lineBandFigure } from '../figures/line-band-figure.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import '../builtins.js';
import type { TrainConfig } from '../train/config.js';
import { runOrLoad, type RunRecords } from './run-or-load.js';
import type { ExperimentModule, FigureEntry, ReproduceContext, TrainOptions } from './types.js';

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

/** Defaults per scale: `{ quick: { epochs: 6, taus: [20, 100, 200, 470], seedCount: 1, smooth: 20 }, full: ... }`. */
export const emaisFiguresDefaults: Readonly<Record<'quick' | 'full', EmaisFiguresScale>> = Object.freeze({
  quick: { epochs: 6, taus: [20, 100, 200, 470], seedCount: 1, smooth: 20 },
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
 * The options of one run of the EMAIS set-up on fmnist-lenet (the scale's epochs, cosine schedule, an evaluation
 * per epoch), as {@link emaisRun} trains it: a part's plan for `ctx.prefetch` built from these trains the same runs.
 * @example
 * ctx.prefetch([emaisRunOptions(ctx, { method: 'emais' }, 1)]);
 */
export function emaisRunOptions(
  ctx: Pick<ReproduceContext, 'scale'>,
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
): TrainOptions {
  const s = emaisFiguresDefaults[ctx.scale];
  const base: Partial<TrainConfig> = { scale: ctx.scale, epochs: s.epochs, schedule: 'cosine', evalEvery: 0 };
  return { task: 'fmnist-lenet', ...base, ...options, seed };
}

/**
 * Trains (or loads) one run of the EMAIS set-up on fmnist-lenet (the scale's epochs, cosine schedule, an
 * evaluation per epoch): the one definition shared by the EMAIS figure parts, so that they load each other's runs.
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
  const finals: { label: string; errors: number[] }[] = [];
  const addFinal = (label: string, r: RunRecords) => {
    const ev = r.evals.objects() as Row[];
    const last = ev[ev.length - 1]?.testError;
    let f = finals.find((x) => x.label === label);
    if (f === undefined) finals.push((f = { label, errors: [] }));
    if (typeof last === 'number') f.errors.push(last);
  };
  const baselines = [
    ['SGD-Scan', 'uniform'],
    ['SGD-Uni', 'uniform-replace'],
    ['IS', 'is'],
    // [EMAIS] Table 2's other baselines (METHODS §6): all with a plain or IS-weighted gradient, same budget
    ['RAIS-lite', 'rais'],
    ['Presampling-IS', 'presampling-is'],
    ['Confidence', 'confidence'],
    ['ConfVar', 'confvar'],
    ['Self-paced', 'self-paced'],
  ] as const;
  // Every run but the dynamic-batch one (it needs the EMAIS run's B_eff) on the sweep runner's workers first.
  await ctx.prefetch(
    seeds.flatMap((seed) => [
      ...baselines.map(([, method]) => emaisRunOptions(ctx, { method }, seed)),
      emaisRunOptions(ctx, { method: 'emais' }, seed),
      ...s.taus.map((tau) => emaisRunOptions(ctx, { method: 'emais', methodOptions: { tau } }, seed)),
    ]),
  );
  for (const seed of seeds) {
    for (const [label, method] of baselines) {
      const r = await run(label, { method }, seed);
      evalRows.push(...relabel(r, label, 'evals'));
      addFinal(label, r);
    }
    const linear = await run('EMAIS Linear-τ', { method: 'emais' }, seed);
    stepRows.push(...relabel(linear, 'EMAIS Linear-τ', 'steps'));
    evalRows.push(...relabel(linear, 'EMAIS Linear-τ', 'evals'));
    addFinal('EMAIS Linear-τ', linear);
    for (const tau of s.taus) {
      const label = `EMAIS τ=${tau}`;
      const r = await run(label, { method: 'emais', methodOptions: { tau } }, seed);
      stepRows.push(...relabel(r, label, 'steps'));
      addFinal(label, r);
    }
    // [EMAIS] Fig. 2: SGD-Uni with the batch size B_eff,t recorded from the EMAIS run (linear LR rule)
    const ems = (linear.steps.objects() as Row[]).map((r) => (typeof r.ems === 'number' ? r.ems : 128));
    const dyn = await run(
      'SGD-Uni (B = B_eff,t)',
      {
        method: 'uniform-dynamic',
        methodOptions: { batchSizes: ems.map((v) => Math.max(1, Math.round(v))) },
      },
      seed,
    );
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
      `${s.smooth} steps; warm-up (2 epochs SGD-Scan) has s = 1. ${ctx.scale} scale, seeds ${seeds.join(', ')}.`,
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
      'Linear-τ run, with the learning rate scaled by B_eff,t/B.',
    lineBandFigure(evalRows, {
      x: 'step',
      y: 'testError',
      title: 'Test error',
      xTitle: 'step',
      yTitle: 'test error',
      order: ['SGD-Scan', 'SGD-Uni', 'IS', 'EMAIS Linear-τ', 'SGD-Uni (B = B_eff,t)'],
    }),
  );
  const fmt = (v: number[]) => {
    if (v.length === 0) return '—';
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
    return v.length > 1 ? `${(100 * m).toFixed(2)} ± ${(100 * sd).toFixed(2)}` : (100 * m).toFixed(2);
  };
  const rowsHtml = finals
    .map((f) => `<tr><td>${escapeHtml(f.label)}</td><td>${escapeHtml(fmt(f.errors))}</td></tr>`)
    .join('\n');
  const tableTitle = '[EMAIS] Table 2: final test error (%) on fmnist-lenet';
  writeFileSync(
    join(ctx.figures, 'emais-table2.html'),
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(tableTitle)}</title>\n<h1>${escapeHtml(tableTitle)}</h1>\n` +
      `<table border="1" cellpadding="4"><tr><th>method</th><th>test error (%)</th></tr>\n${rowsHtml}\n</table>\n`,
  );
  entries.push({
    title: tableTitle,
    file: 'emais-table2.html',
    caption: `Mean (± std over seeds) test error at the end of training, ${ctx.scale} scale, seeds ${seeds.join(', ')}.`,
  });
  return entries;
};
