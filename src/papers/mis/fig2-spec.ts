import { lineBandFigure } from '../../figures/line-band-figure.js';
import { compareArms, formatArmComparison, formatSignificant } from '../../stats/verdict.js';
import { commonSettings, evalRows, type FigureSpec } from '../../experiments/figure-spec.js';
import { trainOverrides, trainSettings } from '../train-settings.js';

/** One curve of a comparison: a label, the method and its options. */
export interface Curve {
  label: string;
  method: string;
  methodOptions?: Record<string, number>;
}

/** [MIS] Fig. 2 curves (poly6, B = 32). */
export const misFig2Curves: readonly Curve[] = [
  { label: 'exact GD', method: 'exact' },
  { label: 'SGD', method: 'uniform-replace' },
  { label: 'IS', method: 'is' },
  { label: 'balance MIS (J=4)', method: 'mis-bh', methodOptions: { J: 4 } },
  { label: 'OMIS J=2', method: 'omis', methodOptions: { J: 2 } },
  { label: 'OMIS J=4', method: 'omis', methodOptions: { J: 4 } },
];

/**
 * The computed statement of a [MIS] Fig. 2 panel: tail-averaged excess loss per curve (geometric mean, 95%
 * t-interval over seeds), every curve against SGD and the OMIS curves and exact GD against IS, paired by seed,
 * judged against the paper's ordering (OMIS ≈ exact GD < IS ≈ balance MIS < SGD).
 * @param all evaluation rows of {@link misFig2Curves} with `curve`, `seed`, `step` and `excessLoss`; rows with
 *   excess loss ≤ 0 (exact GD at θ* to float precision) are left out and counted in the statement.
 * @example
 * misFig2Statement(rows); // 'excessLoss, geometric mean of the last 25% of evaluations … Against [MIS] Fig. 2: …'
 */
export function misFig2Statement(all: readonly Record<string, unknown>[]): string {
  // Exact GD reaches θ* to float precision: an evaluation with excess loss ≤ 0 has no log and is left out (said).
  const rows = all.filter((r) => typeof r.excessLoss === 'number' && r.excessLoss > 0);
  const dropped = all.length - rows.length;
  const order = misFig2Curves.map((c) => c.label);
  const opts = { by: 'curve', y: 'excessLoss', log10: true, order } as const;
  const vsSgd = compareArms(rows, { ...opts, baseline: 'SGD' });
  const vsIs = compareArms(
    rows.filter((r) => ['IS', 'exact GD', 'OMIS J=2', 'OMIS J=4'].includes(String(r.curve))),
    { ...opts, baseline: 'IS' },
  );
  const lower = order.filter((c) => c !== 'SGD');
  return (
    formatArmComparison(vsSgd, { paperLower: lower, paper: '[MIS] Fig. 2' }) +
    ' Against IS (same seeds): ' +
    vsIs.arms
      .filter((a) => a.vsBaseline !== null)
      .map((a) => `${a.arm} ratio ${fmtCi(a.vsBaseline)}`)
      .join('; ') +
    ` — [MIS] Fig. 2 puts OMIS and exact GD below IS: ${verdicts(vsIs.arms)}.` +
    (dropped === 0 ? '' : ` (${dropped} evaluations with excess loss ≤ 0 or missing left out.)`)
  );
}

function fmtCi(v: { estimate: number; lower: number | null; upper: number | null } | null): string {
  if (v === null) return '–';
  const f = (x: number | null) => formatSignificant(x, 3);
  return `${f(v.estimate)} [${f(v.lower)}, ${f(v.upper)}]`;
}

function verdicts(arms: readonly { arm: string; verdict: string | null }[]): string {
  const word = { lower: 'matches', higher: 'differs', unclear: 'not resolved' } as Record<string, string>;
  return arms
    .filter((a) => a.verdict !== null)
    .map((a) => `${a.arm} ${word[a.verdict as string]}`)
    .join(', ');
}

/**
 * The [MIS] Fig. 2 figure of one poly6 regime: exact GD, SGD, IS, balance MIS, OMIS J = 2, 4 (B = 32), excess
 * loss vs step, with {@link misFig2Statement} in the caption.
 * @param regime the task, the output file, its default η and one phrase on what the regime shows.
 * @example
 * misFig2Spec({ task: 'poly6', file: 'mis-fig2-poly6', lr: 0.02, what: '…' }).id; // 'mis/fig2-poly6'
 */
export function misFig2Spec(regime: { task: string; file: string; lr: number; what: string }) {
  const settings = { ...commonSettings, ...trainSettings({ lr: regime.lr, batch: 32 }) } as const;
  const spec: FigureSpec<typeof settings> = {
    id: `mis/fig2-${regime.task}`,
    title: `[MIS] Fig. 2: ${regime.task} excess loss`,
    paper: '[MIS] Fig. 2',
    settings,
    plan: (s) => ({
      runs: misFig2Curves.flatMap((c) =>
        s.seeds.map((seed) => ({
          options: {
            task: regime.task,
            method: c.method,
            seed,
            scale: s.scale,
            methodOptions: c.methodOptions ?? {},
            evalEvery: 8,
            ...trainOverrides(settings, s),
          },
          tags: { curve: c.label, seed },
        })),
      ),
    }),
    make: ({ runs }, s) => {
      const rows = evalRows(runs);
      const figure = lineBandFigure(rows, {
        x: 'step',
        y: 'excessLoss',
        group: 'curve',
        logY: true,
        title: `[MIS] Fig. 2: polynomial regression (order 6), B = ${s.batch} — ${regime.task}`,
        xTitle: 'step',
        yTitle: 'excess loss F(θ) − F(θ*)',
        order: misFig2Curves.map((c) => c.label),
      });
      const caption =
        `${regime.task} (${regime.what}). Excess training loss vs step for exact full-batch GD, SGD (uniform with ` +
        'replacement), memory IS (exact gradient-norm score), balance-heuristic MIS (J = 4), OMIS J = 2 and J = 4 ' +
        '(β = 0.7, coefficient-group techniques); geometric mean ± std over seeds. ' +
        misFig2Statement(rows);
      return [{ file: regime.file, title: spec.title, caption, figure }];
    },
  };
  return spec;
}
