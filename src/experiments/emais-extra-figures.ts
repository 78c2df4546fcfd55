import { writeFileSync } from 'node:fs';
import { formatMeanCi, meanCi } from '../stats/seed-summary.js';
import { join } from 'node:path';
import { ciLineFigure } from '../figures/ci-line-figure.js';
import { escapeHtml } from '../figures/gallery-html.js';
import type { Figure } from '../figures/types.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import { emaisBaselineRuns, emaisFiguresDefaults, emaisRun, emaisRunOptions } from './emais-figures.js';
import type { RunRecords } from './run-or-load.js';
import type { ExperimentModule, ExperimentPlan, FigureEntry, ReproduceContext } from './types.js';

type Row = Record<string, unknown>;

/**
 * Trailing moving average of `y` over `k` rows within each series (rows of one run, ordered by step); rows
 * with a non-finite y are skipped. Returns new rows with y replaced.
 * @example
 * movingAverage([{ step: 0, y: 1 }, { step: 1, y: 3 }], 'y', 2); // y: 1, 2
 */
export function movingAverage(rows: readonly Row[], y: string, k: number): Row[] {
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`movingAverage: k must be an integer ≥ 1, got ${k}`);
  const out: Row[] = [];
  let sum = 0;
  const win: number[] = [];
  for (const r of [...rows].sort((a, b) => (a.step as number) - (b.step as number))) {
    const v = r[y];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    win.push(v);
    sum += v;
    if (win.length > k) sum -= win.shift() ?? 0;
    out.push({ ...r, [y]: sum / win.length });
  }
  return out;
}

/**
 * Share of the steps after the warm-up (epoch ≥ `warmupEpochs`) whose logged traces are ordered
 * trOpt ≤ trIS ≤ trU (optimal ≤ EMAIS ≤ uniform, [EMAIS] Fig. 9); steps without all three are left out.
 * @example
 * traceOrderShare([{ epoch: 2, trOpt: 1, trIS: 2, trU: 3 }], 2); // 1
 */
export function traceOrderShare(rows: readonly Row[], warmupEpochs: number): number {
  let n = 0;
  let ok = 0;
  for (const r of rows) {
    const [o, i, u] = [r.trOpt, r.trIS, r.trU];
    if ((r.epoch as number) < warmupEpochs) continue;
    if (typeof o !== 'number' || typeof i !== 'number' || typeof u !== 'number') continue;
    if (![o, i, u].every(Number.isFinite)) continue;
    n++;
    if (o <= i && i <= u) ok++;
  }
  return n === 0 ? NaN : ok / n;
}

/** Every `every`-th row (by position) of rows sorted by step, so step-wise CIs stay light in the HTML. */
function thin(rows: readonly Row[], every: number): Row[] {
  return rows.filter((_, i) => i % every === 0);
}

/** The final value of `col` in a run's evaluations (NaN when absent). */
function finalEval(r: RunRecords, col: string): number {
  const ev = r.evals.objects() as Row[];
  const v = ev[ev.length - 1]?.[col];
  return typeof v === 'number' ? v : NaN;
}

/** The Eq. 8 variants of Fig. 6 ('linear' is the default 'auto' under SGD: the EMAIS part's Linear-τ run). */
const lrVariants = ['linear', 'sqrt', 'off'] as const;

/** EMAIS options of one Fig. 6 variant (no option for 'linear', so its run key is the EMAIS part's Linear-τ run's). */
function variantOptions(v: (typeof lrVariants)[number]): {
  method: string;
  methodOptions?: Record<string, string>;
} {
  return v === 'linear' ? { method: 'emais' } : { method: 'emais', methodOptions: { lrAdjust: v } };
}

/** Runs of Table 5: the EMAIS part's baselines and its Linear-τ run (label, method). */
const table5Runs: readonly (readonly [string, string])[] = [
  ...emaisBaselineRuns,
  ['EMAIS Linear-τ', 'emais'],
];

/**
 * The 'emais-extra' part's plan: the three Fig. 6 variants for every seed and the Table 5 runs for the EMAIS
 * part's seeds (most are the EMAIS part's runs: the runner trains a run once and both parts load it).
 * @example
 * emaisExtraPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // 3 × 3 + 9 × 3
 */
export const emaisExtraPlan: ExperimentPlan = (ctx) => [
  ...ctx.seeds.flatMap((seed) => lrVariants.map((v) => emaisRunOptions(ctx, variantOptions(v), seed))),
  ...ctx.seeds
    .slice(0, emaisFiguresDefaults[ctx.scale].seedCount)
    .flatMap((seed) => table5Runs.map(([, method]) => emaisRunOptions(ctx, { method }, seed))),
];

/**
 * [EMAIS] extra figures on fmnist-lenet (METHODS §7.3), with the EMAIS part's settings
 * ({@link emaisFiguresDefaults}: quick 6 epochs of 10k images, cosine LR, SGD lr 0.01, momentum 0.9, wd 1e-3,
 * B = 128), every comparison over the context's seeds (runs shared with the EMAIS part are loaded, not retrained):
 * - Fig. 6: the learning-rate adjustment ablation, Eq. 8 'linear' vs 'sqrt' vs 'off': test error and train loss
 *   vs epoch, applied LR and scaled LR = LR·B/B_eff vs step.
 * - Fig. 9: efficiency score and the logit-based traces trIS, trU, trOpt vs step (Linear-τ).
 * - Table 5: CPU ms per iteration (step records' `msCpu`) per method, for the EMAIS part's runs.
 * @example
 * const entries = await reproduceEmaisExtra(ctx);
 */
export const reproduceEmaisExtra: ExperimentModule = async (
  ctx: ReproduceContext,
): Promise<FigureEntry[]> => {
  const s = emaisFiguresDefaults[ctx.scale];
  const B = 128;
  const run = emaisRun(ctx); // the EMAIS part's runs are loaded, not retrained
  await ctx.prefetch(emaisExtraPlan(ctx)); // on the runner's workers; the loops below load them
  const entries: FigureEntry[] = [];
  const emit = (file: string, title: string, caption: string, fig: Figure) => {
    writeFigureHtml(fig, join(ctx.figures, `${file}.html`), { title });
    writeFigureJson(fig, join(ctx.figures, `${file}.json`));
    entries.push({ title, file: `${file}.html`, caption });
  };
  const seedsText = `seeds ${ctx.seeds.join(', ')}, mean and 95% t-interval over seeds, ${ctx.scale} scale`;

  // ---- Fig. 6: LR adjustment ablation ([EMAIS] Eq. 8) ----
  const variants = lrVariants;
  const evalRows: Row[] = [];
  const stepRows: Row[] = [];
  const finals: Record<string, { err: number[]; loss: number[] }> = {};
  const offRatio: number[] = []; // per seed: mean B_eff/B after the warm-up of the 'off' run
  let cpu6 = 0;
  for (const seed of ctx.seeds) {
    for (const v of variants) {
      const label = `EMAIS lrAdjust ${v}`;
      // the default lrAdjust 'auto' resolves to 'linear' under SGD: the same run (and key) as the EMAIS part's Linear-τ run
      const r = await run(label, variantOptions(v), seed);
      cpu6 += (r.steps.array('msCpu') as number[]).reduce((a, b) => a + b, 0) / 1000;
      evalRows.push(...(r.evals.objects() as Row[]).map((e) => ({ ...e, variant: label, seed })));
      const steps = (r.steps.objects() as Row[]).map((e) => {
        // Warm-up epochs (2, SGD-Scan) draw uniformly: no IS gain, so scaled LR = applied LR there.
        const warm = (e.epoch as number) < 2;
        const ems = !warm && typeof e.ems === 'number' && e.ems > 0 ? e.ems : B;
        return { ...e, variant: label, seed, scaledLr: ((e.lr as number) * B) / ems };
      });
      for (const col of ['lr', 'scaledLr', 'ems'] as const) {
        stepRows.push(...thin(movingAverage(steps, col, s.smooth), 5).map((e) => ({ ...e, col })));
      }
      if (v === 'off') {
        const post = (steps as Row[])
          .filter((e) => (e.epoch as number) >= 2)
          .map((e) => (e.ems as number) / B);
        offRatio.push(post.reduce((a, b) => a + b, 0) / Math.max(1, post.length));
      }
      const f = (finals[label] ??= { err: [], loss: [] });
      f.err.push(finalEval(r, 'testError'));
      f.loss.push(finalEval(r, 'trainLoss'));
    }
  }
  const styles = {
    'EMAIS lrAdjust linear': 'emais',
    'EMAIS lrAdjust sqrt': 'as',
    'EMAIS lrAdjust off': 'uniform',
  };
  const labels = {
    'EMAIS lrAdjust linear': 'EMAIS, Eq. 8 linear (default)',
    'EMAIS lrAdjust sqrt': 'EMAIS, Eq. 8 sqrt',
    'EMAIS lrAdjust off': 'EMAIS, no adjustment',
  };
  const ci = (v: number[]) => formatMeanCi(meanCi(v.filter(Number.isFinite)), 3);
  const lin = finals['EMAIS lrAdjust linear'];
  const off = finals['EMAIS lrAdjust off'];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const diffErr = meanCi(lin.err.map((e, i) => e - off.err[i])); // paired by seed
  const diffLoss = meanCi(lin.loss.map((e, i) => e - off.loss[i]));
  const verdict6 =
    ((diffLoss.upper ?? diffLoss.mean) < 0
      ? 'Agrees with [EMAIS] Fig. 6 on the train loss: Eq. 8 gives a lower final train loss than no adjustment'
      : diffLoss.mean < 0
        ? 'Same direction as [EMAIS] Fig. 6 on the train loss (lower with Eq. 8) but the interval includes 0'
        : 'Differs from [EMAIS] Fig. 6 on the train loss (not lower with Eq. 8)') +
    ` (paired difference linear − off ${formatMeanCi(diffLoss, 3)}); test error difference ` +
    `${formatMeanCi(diffErr, 3)}${(diffErr.upper ?? diffErr.mean) < 0 ? ' (lower with Eq. 8, as in the paper)' : diffErr.mean < 0 ? ' (lower with Eq. 8 on average, interval includes 0)' : ' (not lower with Eq. 8, unlike the paper)'}.`;
  const finalsText = variants
    .map(
      (v) =>
        `${labels[`EMAIS lrAdjust ${v}`]}: test error ${ci(finals[`EMAIS lrAdjust ${v}`].err)}, train loss ${ci(finals[`EMAIS lrAdjust ${v}`].loss)}`,
    )
    .join('; ');
  const order = Object.keys(labels);
  emit(
    'emais-fig6-test-error',
    '[EMAIS] Fig. 6: learning-rate adjustment ablation, test error (fmnist-lenet)',
    `EMAIS (Linear-τ) with the Eq. 8 factor B_eff/B ('linear', the paper's SGD rule), its square root ('sqrt', the ` +
      `Adam rule) and none ('off'); test error vs epoch; ${seedsText}. Final values: ${finalsText}. ${verdict6} ` +
      `Cost: ${cpu6.toFixed(0)} s CPU of training (runs shared with the EMAIS part included).`,
    ciLineFigure(evalRows, {
      x: 'epoch',
      y: 'testError',
      group: 'variant',
      title: 'Test error',
      xTitle: 'epoch',
      yTitle: 'test error',
      order,
      labels,
      styles,
    }),
  );
  emit(
    'emais-fig6-train-loss',
    '[EMAIS] Fig. 6: learning-rate adjustment ablation, train loss (fmnist-lenet)',
    `Full training-set loss vs epoch for the same runs; log axis, geometric mean and interval on log10. ${seedsText}.`,
    ciLineFigure(evalRows, {
      x: 'epoch',
      y: 'trainLoss',
      group: 'variant',
      title: 'Train loss',
      xTitle: 'epoch',
      yTitle: 'train loss',
      order,
      labels,
      styles,
      logY: true,
    }),
  );
  const lrRows = stepRows
    .filter((r) => r.col === 'lr' || r.col === 'scaledLr')
    .map((r) => ({ ...r, curve: `${String(r.variant)}|${String(r.col)}`, value: r[r.col as string] }));
  const lrLabels: Record<string, string> = {};
  const lrStyles: Record<string, string> = {};
  for (const [k, l] of Object.entries(labels)) {
    lrLabels[`${k}|lr`] = `${l}: applied LR`;
    lrLabels[`${k}|scaledLr`] = `${l}: scaled LR·B/B_eff`;
    lrStyles[`${k}|lr`] = styles[k as keyof typeof styles];
    lrStyles[`${k}|scaledLr`] =
      k === 'EMAIS lrAdjust linear' ? 'omis-j2' : k === 'EMAIS lrAdjust sqrt' ? 'mis-bh' : 'uniform-replace';
  }
  const ratio = meanCi(offRatio);
  emit(
    'emais-fig6-lr',
    '[EMAIS] Fig. 6: applied and scaled learning rate (fmnist-lenet)',
    `Applied LR (scheduled cosine LR × Eq. 8 factor) and scaled LR = applied·B/B_eff, moving average over ` +
      `${s.smooth} steps; ${seedsText}. With 'linear' the scaled LR equals the cosine schedule by construction ` +
      `(B/B_eff cancels the factor); without adjustment the scaled LR is the schedule × B/B_eff, and after the ` +
      `warm-up (2 epochs SGD-Scan, B_eff = B) B_eff/B averages ${formatMeanCi(ratio, 3)} over ` +
      `seeds, so ` +
      ((ratio.lower ?? ratio.mean) > 1
        ? 'the scaled LR lies below the schedule, as in [EMAIS] Fig. 6.'
        : 'the scaled LR is not clearly below the schedule, unlike [EMAIS] Fig. 6.'),
    ciLineFigure(lrRows, {
      x: 'step',
      y: 'value',
      group: 'curve',
      title: 'Learning rate',
      xTitle: 'step',
      yTitle: 'learning rate',
      labels: lrLabels,
      styles: lrStyles,
      legend: 'outside',
    }),
  );

  // ---- Fig. 9: efficiency score and the logit traces (Linear-τ = the 'linear' runs above) ----
  const traceRows: Row[] = [];
  const effRows: Row[] = [];
  const orderShare: number[] = []; // per seed: share of post-warm-up steps with trOpt ≤ trIS ≤ trU
  for (const seed of ctx.seeds) {
    const r = await run('EMAIS lrAdjust linear', { method: 'emais' }, seed); // loaded: trained above
    const steps = (r.steps.objects() as Row[]).map((e) => ({ ...e, seed }));
    orderShare.push(traceOrderShare(steps, 2));
    for (const col of ['trIS', 'trU', 'trOpt'] as const) {
      traceRows.push(
        ...thin(movingAverage(steps, col, s.smooth), 5).map((e) => ({ ...e, curve: col, value: e[col] })),
      );
    }
    effRows.push(
      ...thin(movingAverage(steps, 'efficiency', s.smooth), 5).map((e) => ({ ...e, curve: 'emais' })),
    );
  }
  const effTail = ctx.seeds.map((seed) => {
    const v = effRows.filter((r) => r.seed === seed).map((r) => r.efficiency as number);
    const tail = v.slice(Math.floor(0.75 * v.length)); // last quarter of training
    return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
  });
  const effMean = mean(effTail);
  emit(
    'emais-fig9-efficiency',
    '[EMAIS] Fig. 9: efficiency score of EMAIS Linear-τ over training (fmnist-lenet)',
    `Efficiency score s (METHODS §5.7; 0 = optimal IS, 1 = uniform) from logit-gradient traces, moving average over ` +
      `${s.smooth} steps; ${seedsText}. Tail mean (last quarter of training) ${formatMeanCi(meanCi(effTail), 3)}. ` +
      (effMean < 1
        ? `Agrees with [EMAIS] Fig. 9: after the warm-up s stays between 0 and 1 (EMAIS better than uniform).`
        : 'Differs from [EMAIS] Fig. 9: s is not below 1 (no gain over uniform).'),
    ciLineFigure(effRows, {
      x: 'step',
      y: 'efficiency',
      group: 'curve',
      title: 'Efficiency score',
      xTitle: 'step',
      yTitle: 'efficiency score s',
      labels: { emais: 'EMAIS Linear-τ' },
    }),
  );
  emit(
    'emais-fig9-traces',
    '[EMAIS] Fig. 9: estimated gradient-variance traces of EMAIS Linear-τ (fmnist-lenet)',
    `Logit-gradient estimates ([EMAIS] Eqs. 10–12) of tr Σ under the EMAIS pmf (trIS), under uniform sampling (trU) ` +
      `and under the optimal pmf (trOpt), moving average over ${s.smooth} steps, log axis; ${seedsText}. Share of ` +
      `the steps after the warm-up with trOpt ≤ trIS ≤ trU (per step, unsmoothed): ` +
      `${formatMeanCi(meanCi(orderShare.filter(Number.isFinite)), 3)} over seeds. ` +
      (Math.min(...orderShare) >= 0.9
        ? 'Agrees with [EMAIS] Fig. 9 (the EMAIS trace lies between the optimal and the uniform one).'
        : 'Partly agrees with [EMAIS] Fig. 9, where the EMAIS trace lies between the optimal and the uniform one: ' +
          'per-step estimates from one minibatch cross at times.'),
    ciLineFigure(traceRows, {
      x: 'step',
      y: 'value',
      group: 'curve',
      title: 'Variance traces (logit gradients)',
      xTitle: 'step',
      yTitle: 'trace estimate',
      logY: true,
      labels: { trIS: 'tr Σ_IS (EMAIS pmf)', trU: 'tr Σ_U (uniform)', trOpt: 'tr Σ_opt (optimal)' },
      styles: { trIS: 'emais', trU: 'uniform', trOpt: 'is' },
    }),
  );

  // ---- Table 5: CPU time per iteration per method (the EMAIS part's runs: loaded, not retrained) ----
  const seeds5 = ctx.seeds.slice(0, s.seedCount);
  const methods5 = table5Runs;
  const t5: { label: string; cpu: number[] }[] = [];
  for (const [label, method] of methods5) {
    const cpu: number[] = [];
    for (const seed of seeds5) {
      const r = await run(label, { method }, seed);
      cpu.push(...(r.steps.array('msCpu') as number[]).filter(Number.isFinite));
    }
    t5.push({ label, cpu });
  }
  const scan = mean(t5[0].cpu);
  const rowsHtml = t5
    .map((t) => {
      const c = meanCi(t.cpu);
      return `<tr><td>${escapeHtml(t.label)}</td><td>${escapeHtml(formatMeanCi(c, 3))}</td><td>${(c.mean / scan).toFixed(2)}</td></tr>`;
    })
    .join('\n');
  const presampling = mean(t5[4].cpu) / scan;
  const others = t5.filter((_, i) => i !== 4).map((t) => mean(t.cpu) / scan);
  const title5 = '[EMAIS] Table 5: CPU time per iteration per method (fmnist-lenet)';
  writeFileSync(
    join(ctx.figures, 'emais-table5.html'),
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title5)}</title>\n<h1>${escapeHtml(title5)}</h1>\n` +
      `<table border="1" cellpadding="4"><tr><th>method</th><th>CPU ms per step (mean ± 95% t over steps, n)</th>` +
      `<th>ratio to SGD-Scan</th></tr>\n${rowsHtml}\n</table>\n`,
  );
  entries.push({
    title: title5,
    file: 'emais-table5.html',
    caption:
      `Process CPU ms per training step (\`msCpu\`: forward, backward, update, sampling and importance work; ` +
      `evaluations excluded), over all steps of the EMAIS part's runs (${ctx.scale} scale, seeds ${seeds5.join(', ')}); ` +
      `CPU time, not wall-clock, so the shared machine's load moves it little. Presampling-IS costs ` +
      `${presampling.toFixed(2)}× SGD-Scan; the other methods ${Math.min(...others).toFixed(2)}–` +
      `${Math.max(...others).toFixed(2)}×. ` +
      (presampling > Math.max(...others)
        ? 'Agrees with [EMAIS] Table 5: only Presampling-IS is notably slower.'
        : 'Differs from [EMAIS] Table 5, where only Presampling-IS is notably slower.'),
  });
  return entries;
};
