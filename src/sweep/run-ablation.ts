import type { FigureOutput } from '../experiments/figure-spec.js';
import { writeOutputFiles } from '../experiments/run-figure.js';
import type { FigureEntry, ReproduceContext } from '../experiments/types.js';
import { ablationCurvesFigure, ablationFigure } from '../figures/ablation-figure.js';
import { ablationSliderFigure } from '../figures/ablation-slider-figure.js';
import type { Figure } from '../figures/types.js';
import { tableHtml } from '../figures/write-table-html.js';
import {
  ablationConclusion,
  ablationConclusionTable,
  ablationReference,
  formatNumber,
  type AblationConclusion,
} from './ablation-conclusion.js';
import { ablations, type Ablation, type AblationName } from './ablation-specs.js';
import { collectRuns } from './collect-runs.js';
import { expandTrials } from './expand-trials.js';
import { runTrials, type SweepProgress, type TrialResult } from './run-trials.js';
import type { SweepSpec } from './sweep-spec.js';
import { tailMean } from '../stats/tail-mean.js';
import { summarizeSeeds } from '../stats/seed-summary.js';
import { pairedDifferences } from '../stats/paired-differences.js';

/**
 * The computed half of an ablation caption: the tail-averaged metric per swept value (geometric mean over seeds,
 * 95% t-interval of log10), the best value, and whether the papers' value is the best or within noise of it
 * (paired by seed: the interval of log10(paper) − log10(best) contains 0 → agrees) or worse (differs).
 * @param tail one row per run with the swept `key`, `seed` and `y` (> 0), e.g. from `tailMean`.
 * @param key the swept column.
 * @param paper the papers' value and its source.
 * @param y the metric column. Default 'excessLoss'.
 * @example
 * ablationVerdict(tail, 'beta', { value: 0.7, source: '[MIS] §5' });
 */
export function ablationVerdict(
  tail: readonly Record<string, unknown>[],
  key: string,
  paper: { value: number; source: string },
  y = 'excessLoss',
): string {
  const { cells, bestValue, verdict } = papersVerdict(tail, key, paper, y);
  return `Tail-averaged ${y} per ${key}, geometric mean over seeds [95% t-interval]: ${cells.join('; ')}. Lowest at ${key} = ${bestValue}; ${verdict}.`;
}

/** The parts of {@link ablationVerdict}: the per-value cells, the best value, and the verdict on the papers' value. */
function papersVerdict(
  tail: readonly Record<string, unknown>[],
  key: string,
  paper: { value: number; source: string },
  y: string,
): { cells: string[]; bestValue: number; verdict: string } {
  const e2 = (v: number) => v.toExponential(2);
  const sums = summarizeSeeds(tail, { by: [key], value: y, log10: true }).sort(
    (a, b) => (a[key] as number) - (b[key] as number),
  );
  const cells = sums.map(
    (r) =>
      `${key} = ${String(r[key])}: ${e2(10 ** r.mean)}` +
      (r.lower === null || r.upper === null ? '' : ` [${e2(10 ** r.lower)}, ${e2(10 ** r.upper)}]`) +
      ` (n = ${r.n})`,
  );
  const best = sums.reduce((a, b) => (b.mean < a.mean ? b : a));
  const bestValue = best[key] as number;
  let verdict: string;
  if (!sums.some((r) => r[key] === paper.value)) {
    verdict = `the papers' value ${paper.value} (${paper.source}) is not in the sweep`;
  } else if (bestValue === paper.value) {
    verdict = `the papers' value ${paper.value} (${paper.source}) is the best (agrees)`;
  } else {
    const d = pairedDifferences(
      tail
        .filter((r) => r[key] === paper.value || r[key] === bestValue)
        .map((r) => ({ ...r, arm: String(r[key]) })),
      { by: 'arm', baseline: String(bestValue), value: y, log10: true },
    )[0];
    const ratio =
      `${(10 ** d.mean).toPrecision(2)}` +
      (d.lower === null || d.upper === null
        ? ''
        : ` [${(10 ** d.lower).toPrecision(2)}, ${(10 ** d.upper).toPrecision(2)}]`);
    verdict =
      d.lower !== null && d.lower > 0
        ? `the papers' value ${paper.value} (${paper.source}) is ${ratio}× the best ${key} = ${bestValue} (differs)`
        : `the papers' value ${paper.value} (${paper.source}) is ${ratio}× the best ${key} = ${bestValue}, within ` +
          'noise (agrees)';
  }
  return { cells, bestValue, verdict };
}

/** Options of {@link runAblation}. */
export interface RunAblationOptions {
  /** Results store root. Required. */
  results: string;
  /** Figures folder. Required. */
  figures: string;
  /** Seeds (replace the spec's [1, 2, 3]). Default: the spec's. */
  seeds?: number[];
  /**
   * The swept values (replace the spec's grid, e.g. `[0, 0.05, 0.1, 0.2]` for α). Checked before any training:
   * the reference must be one of them. Default: the spec's grid (`ablations[name].spec.grid`).
   */
  grid?: readonly (number | string)[];
  /**
   * The value the others are compared with; must be one of the swept values; `null` compares none (means and
   * intervals only). Default: the kit's default of the swept key (`ablationReference(name)`, e.g. α = 0.1), which
   * a custom grid must then contain.
   */
  reference?: number | string | null;
  /** Learning rate of every trial (the `lr` config key). Default: the task's. */
  lr?: number;
  /** Dataset scale. Default 'quick'. */
  scale?: 'quick' | 'full';
  /** Worker processes. Default: the number of cores. */
  workers?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /**
   * Runs the trials on this pool instead of one of the ablation's own (the main job passes its
   * `ReproduceContext.prefetch`, so the ablations share the job's workers). Default: a pool of `workers`.
   */
  prefetch?: ReproduceContext['prefetch'];
  onProgress?: (p: SweepProgress) => void;
}

/** Options of {@link loadAblation}: {@link RunAblationOptions} without the figures folder. */
export type LoadAblationOptions = Omit<RunAblationOptions, 'figures'>;

/** One ablation's runs, as {@link loadAblation} returns them. */
export interface AblationData {
  name: AblationName;
  ablation: Ablation;
  /** The value the others are compared with (the options' `reference`; null = none); absent = the kit's default. */
  reference?: number | string | null;
  /** Every trial's outcome (trained now, loaded from the store, or failed). */
  trials: TrialResult[];
  /** Evaluation rows of the finished trials (config columns, e.g. the swept key and `seed`, then the record). */
  evals: Record<string, unknown>[];
  /** One row per finished trial: its tail-averaged excess loss (geometric mean of the last 25% of evaluations). */
  tail: Record<string, unknown>[];
}

/**
 * One ablation's sweep spec with the options' seeds, grid, learning rate and scale (what {@link loadAblation} runs).
 * @example
 * ablationSpec('alpha', { grid: [0, 0.1], lr: 0.02 }).grid; // { alpha: [0, 0.1] }
 */
export function ablationSpec(
  name: AblationName,
  options: Pick<RunAblationOptions, 'seeds' | 'scale' | 'grid' | 'lr'>,
): SweepSpec {
  const a = ablations[name];
  return {
    ...a.spec,
    ...(options.grid === undefined ? {} : { grid: { ...a.spec.grid, [a.key]: [...options.grid] } }),
    seeds: options.seeds ?? a.spec.seeds,
    base: {
      ...a.spec.base,
      scale: options.scale ?? 'quick',
      ...(options.lr === undefined ? {} : { lr: options.lr }),
    },
  };
}

/**
 * Checks an ablation's options before anything trains: a known name, a non-empty grid of distinct finite numbers
 * or strings, a positive learning rate, and a reference among the swept values. Returns the reference.
 */
export function checkAblationOptions(
  name: AblationName,
  options: LoadAblationOptions,
): number | string | null {
  const a = ablations[name];
  if (a === undefined) {
    throw new RangeError(
      `loadAblation: unknown ablation '${String(name)}'; allowed: ${Object.keys(ablations).join(', ')}`,
    );
  }
  const grid = options.grid ?? ((a.spec.grid ?? {})[a.key] as (number | string)[]);
  if (
    !Array.isArray(grid) ||
    grid.length === 0 ||
    grid.some((v) => !((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string'))
  ) {
    throw new RangeError(
      `loadAblation('${name}'): options.grid must be a non-empty list of finite numbers or strings (values of ` +
        `${a.key}); got ${JSON.stringify(options.grid)}`,
    );
  }
  if (new Set(grid.map(String)).size !== grid.length) {
    throw new RangeError(
      `loadAblation('${name}'): options.grid lists a value twice: ${grid.map(String).join(', ')}`,
    );
  }
  if (
    options.lr !== undefined &&
    !(typeof options.lr === 'number' && Number.isFinite(options.lr) && options.lr > 0)
  ) {
    throw new RangeError(
      `loadAblation('${name}'): options.lr must be a positive number; got ${String(options.lr)}`,
    );
  }
  const reference = options.reference === undefined ? ablationReference(name) : options.reference;
  if (reference !== null && !grid.some((v) => String(v) === String(reference))) {
    throw new RangeError(
      `loadAblation('${name}'): the reference ${a.key} = ${String(reference)}` +
        `${options.reference === undefined ? ' (the kit default)' : ''} is not among the swept values ` +
        `(${grid.map(String).join(', ')}): add it to options.grid, or pass options.reference, one of the swept ` +
        'values. Nothing was trained.',
    );
  }
  return reference;
}

/**
 * Runs the trials of one ablation that the results store lacks (on the sweep runner, one worker per core) and
 * loads all of them: what `runAblation` and the main job's part 'ablations' do before drawing, so after
 * `npm start` it only reads the store. Failed trials are logged and left out.
 *
 * A custom grid, reference and learning rate replace the ready spec's; they are checked before anything trains
 * (a reference missing from the grid is an error that names both). Runs of values the ready grid shares are
 * loaded from the store, since the run key depends only on the trial's settings.
 * @example
 * const data = await loadAblation('beta', { results: 'results' });
 * data.tail.length; // 15 (5 values × 3 seeds)
 * const mine = await loadAblation('alpha', { results: 'results', grid: [0, 0.05, 0.1, 0.2], lr: 0.02 });
 * const noDefault = await loadAblation('alpha', { results: 'results', grid: [0.2, 0.4], reference: 0.2 });
 * const noComparison = await loadAblation('alpha', { results: 'results', grid: [0.2, 0.4], reference: null });
 */
export async function loadAblation(name: AblationName, options: LoadAblationOptions): Promise<AblationData> {
  const reference = checkAblationOptions(name, options);
  const a = ablations[name];
  const log = options.log ?? (() => {});
  const trials = expandTrials(ablationSpec(name, options));
  const results =
    options.prefetch === undefined
      ? await runTrials(trials, {
          root: options.results,
          workers: options.workers,
          onProgress: options.onProgress,
          allowFailures: true, // failed trials are logged; the ablation goes on with the others
        })
      : // an ablation's trials are distinct runs, so the results come back one per trial, in order
        (await options.prefetch(trials.map((t) => t.options))).map((r, i) => ({ ...r, trial: trials[i] }));
  const ok = results.filter((r) => r.status !== 'failed');
  for (const r of results) {
    if (r.status === 'failed') log(`ablation ${name}: trial ${r.trial.label} failed: ${r.error}`);
  }
  log(
    `ablation ${name}: ${ok.length}/${results.length} trials (${results.filter((r) => r.status === 'cached').length} loaded)`,
  );
  if (ok.length === 0)
    throw new Error(`ablation ${name}: every trial failed; see ${options.results}/failures`);
  const evals = collectRuns(options.results, {
    dirs: ok.map((r) => r.dir as string),
  }).evals.objects() as Record<string, unknown>[];
  return {
    name,
    ablation: a,
    reference,
    trials: results,
    evals,
    tail: tailMean(evals, { y: 'excessLoss', geometric: true }),
  };
}

/** The figures of one ablation, as {@link ablationFigures} builds them. */
export interface AblationFigures {
  /** Title of the final-metric figure; the others append ': curves' and ': slider'. */
  title: string;
  /** Tail-averaged excess loss vs the swept value, 95% t intervals over seeds (`ablationFigure`). */
  final: Figure;
  /** Excess-loss curves per value (`ablationCurvesFigure`). */
  curves: Figure;
  /** The curves one value at a time with a slider over the values, opened at the default (`ablationSliderFigure`). */
  slider: Figure;
  /** What the runs support, against the kit's default value (`ablationConclusion`, `ablationReference`). */
  conclusion: AblationConclusion;
}

/**
 * Builds one ablation's three figures and its conclusion from its runs: exactly what `runAblation` (and so the
 * gallery) draws, for notebooks to show.
 * @example
 * const f = ablationFigures(await loadAblation('tau', { results: 'results' }));
 * f.conclusion.text;
 */
export function ablationFigures(
  data: Pick<AblationData, 'name' | 'ablation' | 'reference' | 'evals' | 'tail'>,
): AblationFigures {
  const a = data.ablation;
  const title = `Ablation over ${a.symbol} (${String(a.spec.base.method)} on ${String(a.spec.base.task)})`;
  const reference = data.reference === undefined ? ablationReference(data.name) : data.reference;
  const conclusion = ablationConclusion(data.tail, {
    key: a.key,
    y: 'excessLoss',
    reference,
    symbol: a.symbol,
    metric: 'tail excess loss',
  });
  const curveRows = data.evals.filter((r) => (r.step as number) > 0);
  const yTitle = 'excess loss F(θ) − F(θ*)';
  const pct = `${Math.round(conclusion.level * 100)}%`;
  const notes = Object.fromEntries(
    conclusion.rows.map((r) => [
      String(r.value),
      `tail excess loss ${formatNumber(r.mean)}` +
        (r.lower === null || r.upper === null
          ? ''
          : ` (${pct} CI [${formatNumber(r.lower)}, ${formatNumber(r.upper)}])`) +
        (r.verdict === 'reference'
          ? ', the default'
          : r.vsReference === null
            ? ''
            : `, ×${formatNumber(r.vsReference)} the default (${r.verdict})`),
    ]),
  );
  return {
    title,
    conclusion,
    final: ablationFigure(data.tail, {
      x: a.key,
      y: 'excessLoss',
      logY: true,
      title,
      xTitle: a.symbol,
      yTitle: 'excess loss, mean of the last 25% of evaluations',
    }),
    curves: ablationCurvesFigure(curveRows, {
      value: a.key,
      valueLabel: a.symbol,
      x: 'step',
      y: 'excessLoss',
      logY: true,
      title: `${title}: curves`,
      yTitle,
    }),
    slider: ablationSliderFigure(curveRows, {
      value: a.key,
      valueLabel: a.symbol,
      x: 'step',
      y: 'excessLoss',
      logY: true,
      active: reference,
      notes,
      title: `${title}: slider`,
      yTitle,
    }),
  };
}

/**
 * One ablation's gallery outputs from its runs: the tail-averaged excess loss vs the swept value with 95% t
 * intervals over seeds (`ablation-<name>`, its caption ending with the conclusion the runs support and the verdict
 * on the papers' value), the verdict table (`ablation-<name>-verdicts`), the excess-loss curves per value
 * (`ablation-<name>-curves`) and the same curves one value at a time with a slider (`ablation-<name>-slider`).
 * @example
 * const outputs = ablationOutputs(await loadAblation('beta', { results: 'results' }));
 */
export function ablationOutputs(
  data: Pick<AblationData, 'name' | 'ablation' | 'reference' | 'evals' | 'tail'>,
): FigureOutput[] {
  const f = ablationFigures(data);
  const { name } = data;
  const symbol = data.ablation.symbol;
  // The caption stays short: what is drawn and the verdict in a sentence; the numbers per value are in the
  // verdict table, a page of its own next to the figure.
  const papers = papersVerdict(data.tail, data.ablation.key, data.ablation.paper, 'excessLoss').verdict;
  return [
    {
      file: `ablation-${name}`,
      title: f.title,
      caption:
        `${data.ablation.caption} Seeds ${[...new Set(data.tail.map((r) => String(r.seed)))].join(', ')}. ` +
        `${f.conclusion.summary} Against the papers: ${papers}. Per value: ${f.title}: verdicts.`,
      figure: f.final,
    },
    {
      file: `ablation-${name}-verdicts`,
      title: `${f.title}: verdicts`,
      caption:
        f.conclusion.reference === null
          ? `Each ${symbol}: mean over seeds with its interval (no reference value compared).`
          : `Each ${symbol} against the default ${symbol} = ${String(f.conclusion.reference)}, paired by seed.`,
      html: tableHtml(ablationConclusionTable(f.conclusion), {
        title: `${f.title}: verdicts`,
        caption: f.conclusion.text,
      }),
    },
    {
      file: `ablation-${name}-curves`,
      title: `${f.title}: curves`,
      caption: `Excess loss vs step for each ${symbol} (mean and ±1 sd of log10 over seeds).`,
      figure: f.curves,
    },
    {
      file: `ablation-${name}-slider`,
      title: `${f.title}: slider`,
      caption:
        `Excess loss vs step, one ${symbol} at a time (slider; opens at ` +
        `${f.conclusion.reference === null ? 'the smallest value' : `the default ${symbol} = ${String(f.conclusion.reference)}`}, ` +
        'as in the static export): mean and ±1 sd of log10 over seeds, each seed ' +
        `thin, every ${symbol}'s mean in grey; the title gives the value's tail excess loss with its 95% interval` +
        `${f.conclusion.reference === null ? '' : ' and its paired ratio to the default'}.`,
      figure: f.slider,
    },
  ];
}

/**
 * Runs (or loads) one ablation's sweep on the runner ({@link loadAblation}) and writes its outputs
 * ({@link ablationOutputs}) into `options.figures` under their default names. Failed trials are logged and left
 * out of the figures.
 * @example
 * await runAblation('beta', { results: 'results', figures: 'figures' });
 */
export async function runAblation(name: AblationName, options: RunAblationOptions): Promise<FigureEntry[]> {
  const data = await loadAblation(name, options);
  return ablationOutputs(data).map((o) => {
    writeOutputFiles(options.figures, o.file, o, `ablation ${name}`);
    return { title: o.title, file: `${o.file}.html`, caption: o.caption };
  });
}
