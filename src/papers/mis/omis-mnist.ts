import { ciLineFigure } from '../../figures/ci-line-figure.js';
import { ciAbove, ciBelow, formatMeanCi, meanCi, type MeanCi } from '../../stats/seed-summary.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import type { PlotlyLayout, PlotlyTrace } from '../../figures/types.js';
import { median } from '../../stats/median.js';
import { pairedDifferences } from '../../stats/paired-differences.js';
import { scaleIntSetting, scaleValue } from '../train-settings.js';
import { commonSettings, evalRows, type FigureSpec, type PlannedRun } from '../../experiments/figure-spec.js';

type Row = Record<string, unknown>;

/** The OMIS diagnostics drawn (step-record columns of the OMIS estimator), with axis titles and log flags. */
export const OMIS_DIAGNOSTIC_PANELS: readonly { column: string; title: string; log: boolean }[] = [
  { column: 'omisCond', title: 'cond₂(Â)', log: true },
  { column: 'omisCoefSpread', title: 'Σ‖α_j‖ / ‖Σ α_j‖', log: true },
  { column: 'omisGradRatio', title: '‖Ĝ‖ / ‖Ĝ_BH‖ (weighted loss)', log: false },
  { column: 'omisMinMass', title: 'min_j min_i N p_j(i)', log: true },
];

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/**
 * Per run (curve, seed) and epoch, the median over the epoch's steps of each OMIS diagnostic column (steps where
 * it is missing or non-finite, e.g. the uniform initialisation epoch, are left out; an epoch without any value
 * has no row). Epochs are numbered as evaluations: the steps of 0-based epoch e end at evaluation e + 1.
 * @param steps step rows with `curve`, `seed`, `epoch` and the diagnostic columns.
 * @param columns the columns. Default those of {@link OMIS_DIAGNOSTIC_PANELS}.
 * @returns rows { curve, seed, epoch, column, value }.
 * @example
 * omisEpochDiagnostics([{ curve: 'omis-j2', seed: 1, epoch: 1, omisCond: 4 }], ['omisCond']);
 * // [{ curve: 'omis-j2', seed: 1, epoch: 2, column: 'omisCond', value: 4 }]
 */
export function omisEpochDiagnostics(
  steps: readonly Row[],
  columns: readonly string[] = OMIS_DIAGNOSTIC_PANELS.map((p) => p.column),
): { curve: string; seed: number; epoch: number; column: string; value: number }[] {
  const groups = new Map<string, { curve: string; seed: number; epoch: number; v: Map<string, number[]> }>();
  for (const r of steps) {
    const key = `${String(r.curve)}|${String(r.seed)}|${String(r.epoch)}`;
    const g = groups.get(key) ?? {
      curve: String(r.curve),
      seed: num(r.seed),
      epoch: num(r.epoch) + 1,
      v: new Map<string, number[]>(),
    };
    groups.set(key, g);
    for (const c of columns) {
      const x = num(r[c]);
      if (Number.isFinite(x)) g.v.set(c, [...(g.v.get(c) ?? []), x]);
    }
  }
  const out: { curve: string; seed: number; epoch: number; column: string; value: number }[] = [];
  for (const g of groups.values()) {
    for (const c of columns) {
      const v = g.v.get(c);
      if (v !== undefined)
        out.push({ curve: g.curve, seed: g.seed, epoch: g.epoch, column: c, value: median(v) });
    }
  }
  return out;
}

/** A plotly figure of several panels on a grid (traces name their axes). */
interface GridFigure {
  data: (PlotlyTrace & { xaxis: string; yaxis: string })[];
  layout: PlotlyLayout & Record<string, unknown>;
}

/**
 * The OMIS diagnostics figure (what explains a divergence): one panel per {@link OMIS_DIAGNOSTIC_PANELS} column, per-epoch median
 * over steps vs epoch, mean and 95% t-interval over seeds per curve (geometric on log panels).
 * @param rows output of {@link omisEpochDiagnostics}.
 * @param options `labels` legend label per curve, `styles` method-style key per curve, `title`. Defaults: none, ''.
 * @returns `{ data, layout }` with a 2-column plotly grid.
 * @example
 * const fig = omisDiagnosticsFigure(omisEpochDiagnostics(stepRows));
 */
export function omisDiagnosticsFigure(
  rows: readonly { curve: string; column: string }[],
  options: { labels?: Record<string, string>; styles?: Record<string, string>; title?: string } = {},
): GridFigure {
  const data: GridFigure['data'] = [];
  const layout: GridFigure['layout'] = {
    title: { text: options.title ?? '' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    showlegend: true,
    legend: { x: 1.02, y: 1, xanchor: 'left', yanchor: 'top' },
    margin: { l: 70, r: 20, t: 60, b: 60 },
    grid: {
      rows: Math.ceil(OMIS_DIAGNOSTIC_PANELS.length / 2),
      columns: 2,
      pattern: 'independent',
      xgap: 0.3, // room for the y-axis titles between the columns
      ygap: 0.45, // and for the x-axis titles between the rows
    },
  };
  OMIS_DIAGNOSTIC_PANELS.forEach((p, k) => {
    const panel = ciLineFigure(
      rows.filter((r) => r.column === p.column),
      { x: 'epoch', y: 'value', group: 'curve', logY: p.log, labels: options.labels, styles: options.styles },
    );
    const ax = k === 0 ? '' : String(k + 1);
    for (const t of panel.data) {
      data.push({ ...t, showlegend: k === 0 ? t.showlegend : false, xaxis: `x${ax}`, yaxis: `y${ax}` });
    }
    layout[`xaxis${ax}`] = { ...panel.layout.xaxis, title: { text: 'epoch' } };
    layout[`yaxis${ax}`] = { ...panel.layout.yaxis, title: { text: p.title } };
  });
  return { data, layout };
}

/** The largest epoch-to-epoch rise of the mean full-training-set loss of one curve, against its seed spread. */
export interface LossRise {
  curve: string;
  /** max over consecutive evaluations e−1 → e of mean loss(e) − mean loss(e−1) (negative: always falling). */
  rise: number;
  /** Epoch e where it happens. */
  epoch: number;
  /** Sample sd over seeds of the loss at epoch e. */
  sd: number;
  /** rise ≤ sd: the loss never rises by more than its seed spread (the stability criterion). */
  ok: boolean;
}

/**
 * The OMIS stability check: per curve, the largest rise of the seed-mean full-training-set loss (`trainLoss`)
 * between consecutive evaluations, with the seed sd at the later one; `ok` when the rise is at most that sd.
 * @param evals evaluation rows with `curve`, `seed`, `epoch`, `trainLoss`.
 * @example
 * lossRiseCheck([{ curve: 'a', seed: 1, epoch: 0, trainLoss: 2 }, { curve: 'a', seed: 1, epoch: 1, trainLoss: 1 }]);
 * // [{ curve: 'a', rise: −1, epoch: 1, sd: 0, ok: true }]
 */
export function lossRiseCheck(evals: readonly Row[]): LossRise[] {
  const by = new Map<string, Map<number, number[]>>();
  for (const r of evals) {
    const v = num(r.trainLoss);
    if (!Number.isFinite(v)) continue;
    const m = by.get(String(r.curve)) ?? new Map<number, number[]>();
    by.set(String(r.curve), m);
    m.set(num(r.epoch), [...(m.get(num(r.epoch)) ?? []), v]);
  }
  const out: LossRise[] = [];
  for (const [curve, m] of by) {
    const epochs = [...m.keys()].sort((a, b) => a - b);
    if (epochs.length < 2) throw new Error(`lossRiseCheck: curve '${curve}' has fewer than two evaluations`);
    let best: LossRise | undefined;
    for (let i = 1; i < epochs.length; i++) {
      const cur = meanCi(m.get(epochs[i]) as number[]);
      const prev = meanCi(m.get(epochs[i - 1]) as number[]);
      const vals = m.get(epochs[i]) as number[];
      const sd =
        vals.length > 1
          ? Math.sqrt(vals.reduce((s, v) => s + (v - cur.mean) ** 2, 0) / (vals.length - 1))
          : 0;
      const rise = cur.mean - prev.mean;
      if (best === undefined || rise > best.rise)
        best = { curve, rise, epoch: epochs[i], sd, ok: rise <= sd };
    }
    out.push(best as LossRise);
  }
  return out;
}

/** One row of the OMIS-on-MNIST table ({@link omisMnistTable}). */
export interface OmisMnistRow {
  curve: string;
  /** Final test error per seed, in seed order. */
  perSeed: number[];
  seeds: number[];
  error: MeanCi;
  /** Paired by seed: this curve − IS, and this curve − uniform (null for the reference itself). */
  vsIs: MeanCi | null;
  vsUniform: MeanCi | null;
  /** Final full-training-set loss. */
  trainLoss: MeanCi;
  rise: LossRise;
}

/**
 * The OMIS-on-classification table: per curve the final test error (mean and 95% t-interval over seeds), the
 * paired differences to IS and to uniform, the final full-training-set loss and the {@link lossRiseCheck}.
 * @param evals evaluation rows with `curve`, `seed`, `epoch`, `testError`, `trainLoss`; the curves 'is' and
 *   'uniform' are the references.
 * @example
 * const rows = omisMnistTable(evalRows);
 */
export function omisMnistTable(evals: readonly Row[]): OmisMnistRow[] {
  const finals = new Map<string, Row>(); // last evaluation per (curve, seed)
  for (const r of evals) {
    const k = `${String(r.curve)}|${String(r.seed)}`;
    const f = finals.get(k);
    if (f === undefined || num(r.epoch) > num(f.epoch)) finals.set(k, r);
  }
  const last = [...finals.values()].map((r): Row & { curve: string; seed: number } => ({
    ...r,
    curve: String(r.curve),
    seed: num(r.seed),
  }));
  const diffs = (baseline: string) =>
    last.some((r) => r.curve === baseline)
      ? new Map(
          pairedDifferences(last, { by: 'curve', baseline, value: 'testError' }).map((d) => [
            d.arm,
            meanCi(d.differences),
          ]),
        )
      : new Map<string, MeanCi>();
  const vsIs = diffs('is');
  const vsUniform = diffs('uniform');
  const rises = new Map(lossRiseCheck(evals).map((r) => [r.curve, r]));
  const curves = [...new Set(last.map((r) => r.curve))];
  return curves.map((curve) => {
    const rs = last.filter((r) => r.curve === curve).sort((a, b) => a.seed - b.seed);
    const perSeed = rs.map((r) => num(r.testError));
    return {
      curve,
      perSeed,
      seeds: rs.map((r) => r.seed),
      error: meanCi(perSeed),
      vsIs: vsIs.get(curve) ?? null,
      vsUniform: vsUniform.get(curve) ?? null,
      trainLoss: meanCi(rs.map((r) => num(r.trainLoss))),
      rise: rises.get(curve) as LossRise,
    };
  });
}

const fmt = (ci: MeanCi | null, digits = 3) => (ci === null ? '—' : formatMeanCi(ci, digits));

/**
 * The table of {@link omisMnistTable} as an HTML page (one `<table>`, numbers with 95% t-intervals).
 * @param title page title.
 * @param rows output of {@link omisMnistTable}.
 * @param labels display label per curve key. Default: the key.
 * @example
 * writeFileSync('omis-mnist-table.html', omisMnistTableHtml('OMIS on MNIST', omisMnistTable(evalRows)));
 */
export function omisMnistTableHtml(
  title: string,
  rows: readonly OmisMnistRow[],
  labels: Readonly<Record<string, string>> = {},
): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const head = [
    'curve',
    'seeds',
    'final test error (95% CI)',
    'per seed',
    '− IS, paired (95% CI)',
    '− uniform, paired (95% CI)',
    'final train loss (95% CI)',
    'largest epoch-to-epoch loss rise (seed sd at that epoch)',
  ];
  const body = rows.map((r) =>
    [
      labels[r.curve] ?? r.curve,
      r.seeds.join(', '),
      fmt(r.error),
      r.perSeed.map((v) => v.toFixed(4)).join(', '),
      fmt(r.vsIs),
      fmt(r.vsUniform),
      fmt(r.trainLoss),
      `${r.rise.rise.toPrecision(3)} at epoch ${r.rise.epoch} (${r.rise.sd.toPrecision(3)}) ${r.rise.ok ? 'ok' : 'RISES'}`,
    ]
      .map((c) => `<td>${esc(c)}</td>`)
      .join(''),
  );
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    '<style>body{font-family:sans-serif}td,th{border:1px solid #ccc;padding:4px 8px}table{border-collapse:collapse}</style>' +
    `</head><body><h1>${esc(title)}</h1><table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>` +
    body.map((b) => `<tr>${b}</tr>`).join('') +
    '</table></body></html>\n'
  );
}

/**
 * The caption of the table: [MIS] Fig. 3's claim (OMIS best on MNIST at equal epochs) against the measured paired
 * differences, curve by curve, and the stability check.
 * @param rows output of {@link omisMnistTable}.
 * @param setup one clause naming task, scale and epochs.
 * @param labels display label per curve key. Default: the key.
 * @example
 * omisMnistCaption(omisMnistTable(evalRows), 'mnist-mlp (quick, 5 epochs)');
 */
export function omisMnistCaption(
  rows: readonly OmisMnistRow[],
  setup: string,
  labels: Readonly<Record<string, string>> = {},
): string {
  const name = (c: string) => labels[c] ?? c;
  const omis = rows.filter((r) => r.curve.startsWith('omis'));
  const verdict = (r: OmisMnistRow) => {
    const d = r.vsIs;
    if (d === null || d.n < 2) return `${name(r.curve)}: no paired interval`;
    const what = `${name(r.curve)} − IS ${fmt(d)}`;
    if (ciBelow(d)) return `${what}: below IS (agrees)`;
    if (ciAbove(d)) return `${what}: above IS (differs)`;
    return `${what}: the interval contains 0, tied with IS (differs: not best)`;
  };
  const unstable = rows.filter((r) => !r.rise.ok).map((r) => name(r.curve));
  const worst = Math.max(...omis.map((r) => r.rise.rise));
  return (
    `${setup}; final test error, mean and 95% t-interval over seeds ${rows[0]?.seeds.join(', ') ?? ''}, paired ` +
    `differences by seed. [MIS] Fig. 3: OMIS does best on MNIST at equal epochs. Here ${omis.map(verdict).join('; ')}. ` +
    (unstable.length === 0
      ? 'The seed-mean full-training-set loss never rises between consecutive epochs by more than its seed sd ' +
        `(largest change between consecutive epochs of an OMIS curve ${worst.toPrecision(3)}` +
        `${worst < 0 ? ': every OMIS curve falls every epoch' : ''}).`
      : `The full-training-set loss rises by more than its seed sd for: ${unstable.join(', ')}.`)
  );
}

const settings = {
  ...commonSettings,
  task: {
    kind: 'string',
    default: 'mnist-mlp',
    help: "a classification task (its evaluations have testError); the default shares the 'baselines' part's runs",
  },
  epochs: scaleIntSetting(
    "epochs of every run; 0: 5 at quick scale, 50 at full (the 'baselines' part's, so its runs are shared)",
  ),
  J: { kind: 'list', default: [2, 4, 10], help: 'the OMIS curves: techniques J of each (integers ≥ 2)' },
} as const satisfies OptionSpecs;

/** Epochs per scale when the `epochs` setting is 0: the 'baselines' part's (5 quick, 50 full), so its runs are shared. */
export const omisMnistEpochs = { quick: 5, full: 50 } as const;

/**
 * The curves of the comparison: uniform (SGD-Scan) and IS, the references, then OMIS at each J (node groups,
 * β = 0.7 on A: the kit's defaults). Each has a key (its rows' `curve`), a legend label, the method and its options.
 * @example
 * omisMnistCurves([2]).map((c) => c.key); // ['uniform', 'is', 'omis-j2']
 */
export function omisMnistCurves(J: readonly number[]) {
  return [
    { key: 'uniform', label: 'SGD (uniform)', method: 'uniform' },
    { key: 'is', label: 'IS (ours)', method: 'is' },
    ...J.map((j) => ({ key: `omis-j${j}`, label: `OMIS J = ${j}`, method: 'omis', methodOptions: { J: j } })),
  ];
}

/**
 * [MIS] Fig. 3's claim on classification (METHODS §7.1): does OMIS train stably and beat IS and uniform? Uniform,
 * IS and OMIS at each J on mnist-mlp (uniform, IS and OMIS J = 2 are the 'baselines' part's runs, loaded): a table
 * of the final test error with 95% t-intervals, paired differences to IS and uniform and the loss-rise check, the
 * full-training-set loss per epoch, and the OMIS diagnostics per epoch.
 */
export const misOmisMnist: FigureSpec<typeof settings> = {
  id: 'mis/omis-mnist',
  title: '[MIS] Fig. 3, continued: OMIS on MNIST over J',
  paper: '[MIS] Fig. 3',
  settings,
  plan: (s) => {
    const bad = s.J.find((j) => !Number.isInteger(j) || j < 2);
    if (bad !== undefined || s.J.length === 0) {
      throw new RangeError(
        `figure mis/omis-mnist: setting J must be a non-empty list of integers ≥ 2, got [${s.J.join(', ')}]`,
      );
    }
    const epochs = scaleValue(s.epochs, omisMnistEpochs, s.scale);
    const runs: PlannedRun[] = omisMnistCurves(s.J).flatMap((c) =>
      s.seeds.map((seed) => ({
        options: {
          epochs,
          scale: s.scale,
          task: s.task,
          method: c.method,
          seed,
          ...('methodOptions' in c ? { methodOptions: c.methodOptions } : {}),
        },
        tags: { curve: c.key, seed },
      })),
    );
    return { runs };
  },
  make: ({ runs }, s) => {
    const curves = omisMnistCurves(s.J);
    const epochs = scaleValue(s.epochs, omisMnistEpochs, s.scale);
    const evals = evalRows(runs);
    const steps = runs
      .filter((r) => String(r.tags.curve).startsWith('omis'))
      .flatMap((r) => (r.steps.objects() as Row[]).map((e) => ({ ...e, ...r.tags })));
    const labels = Object.fromEntries(curves.map((c) => [c.key, c.label]));
    const styles = { [`omis-j${Math.max(...s.J)}`]: 'omis' };
    const setup = `${s.task} (${s.scale} scale, ${epochs} epochs, the first the uniform initialisation epoch of IS/OMIS)`;
    const table = omisMnistTable(evals);
    const caption = omisMnistCaption(table, setup, labels);
    const loss = ciLineFigure(
      evals.filter((r) => num(r.epoch) >= 1),
      {
        x: 'epoch',
        y: 'trainLoss',
        group: 'curve',
        logY: true,
        title: `OMIS on ${s.task}: full-training-set loss`,
        xTitle: 'epoch',
        yTitle: 'training loss (CE)',
        order: curves.map((c) => c.key),
        labels,
        styles,
      },
    );
    const diag = omisEpochDiagnostics(steps);
    const lastEpoch = diag.reduce((m, r) => Math.max(m, r.epoch), 0);
    const at = (curve: string, column: string) => {
      const v = diag.filter((r) => r.curve === curve && r.column === column && r.epoch === lastEpoch);
      return v.length === 0 ? 'n/a' : formatMeanCi(meanCi(v.map((r) => r.value)), 3);
    };
    const diagText = curves
      .filter((c) => c.method === 'omis')
      .map(
        (c) =>
          `${c.label}: cond ${at(c.key, 'omisCond')}, spread ${at(c.key, 'omisCoefSpread')}, ` +
          `‖Ĝ‖/‖Ĝ_BH‖ ${at(c.key, 'omisGradRatio')}, min mass ${at(c.key, 'omisMinMass')}`,
      )
      .join('; ');
    return [
      {
        file: 'omis-mnist-table',
        title: `OMIS on ${s.task} vs IS and uniform (table, [MIS] Fig. 3)`,
        caption,
        html: omisMnistTableHtml(`OMIS on ${s.task}: final test error and stability`, table, labels),
      },
      {
        file: 'omis-mnist-train-loss',
        title: `OMIS on ${s.task}: full-training-set loss per epoch`,
        caption: `Full-training-set loss vs epoch, geometric mean and 95% t-interval over seeds. ${caption}`,
        figure: loss,
      },
      {
        file: 'omis-mnist-diagnostics',
        title: `OMIS on ${s.task}: diagnostics of the linear system per epoch`,
        caption:
          `Per-epoch median over OMIS steps of cond₂(Â), the coefficient spread Σ‖α_j‖/‖Σα_j‖, ‖Ĝ‖ relative to the ` +
          `balance-heuristic (weighted-loss) gradient and the minimum technique mass min N p_j(i); mean and 95% ` +
          `t-interval over seeds (geometric on log panels). At epoch ${lastEpoch}: ${diagText}. [MIS] reports none of ` +
          'these (nothing to compare with). A ratio ‖Ĝ‖/‖Ĝ_BH‖ near 1 means the OMIS step is as large as the ' +
          'balance-heuristic (mixture-IS) step; a spread above 1 means the J coefficient vectors α_j partly cancel; ' +
          'the whole-step comparison with IS is in the table.',
        figure: omisDiagnosticsFigure(diag, { labels, styles, title: `OMIS diagnostics on ${s.task}` }),
      },
    ];
  },
};
