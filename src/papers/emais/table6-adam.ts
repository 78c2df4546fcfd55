import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import { scaleList, scaleListSetting } from '../train-settings.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import { escapeHtml } from '../../figures/gallery-html.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { meanCi } from '../../stats/seed-summary.js';
import { finalEval } from './fmnist.js';
import {
  budgetDiffs,
  emaisStudyDefaults,
  percentCi,
  studyPlan,
  studyRuns,
  withStudyCost,
  type StudyArm,
  type StudyOptions,
  type StudyOutput,
  type StudyRun,
} from './study-runs.js';

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
      const text = escapeHtml(percentCi(c));
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

/**
 * [EMAIS] Table 6 (§9.5): the Adam study, final test error per method and total-iteration budget, with a caption
 * comparing EMAIS-Adam with each other method (paired over seeds, 95% t-intervals). The paper: EMAIS-Adam beats
 * Adam-Scan and Adam-Uni everywhere and is comparable with RAIS-Adam.
 * @param runs labelled 'Adam-Scan', 'Adam-Uni', 'RAIS-Adam', 'EMAIS-Adam' (RAIS-lite under Adam, METHODS §6.4).
 * @param o seeds and scale; `lr` the Adam step size of the caption (default 1e-3).
 * @example
 * const [table] = adamStudy(runs, { seeds: [1, 2, 3], scale: 'quick' });
 */
export function adamStudy(
  runs: readonly StudyRun[],
  o: Pick<StudyOptions, 'seeds' | 'scale'> & { lr?: number },
): StudyOutput[] {
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
  const lr = (o.lr ?? 1e-3).toExponential(); // 0.001 → '1e-3'
  return [
    {
      file: 'emais-table6',
      title,
      caption:
        `Adam (lr ${lr}, cosine decay, weight decay 1e-3, B = 128) with SGD-Scan-style (Adam-Scan) and ` +
        `with-replacement (Adam-Uni) uniform draws, RAIS-lite (RAIS-Adam) and EMAIS Linear-τ with the ` +
        `square-root rule η·√(B_eff/B) (EMAIS-Adam); final test error, ${o.scale} scale, seeds ${o.seeds.join(', ')}, 95% t-intervals. Paired ` +
        `differences over seeds: ${vs.map((v) => v.text).join('; ')}. ${verdictUniform}; ${verdictRais}.`,
      html: budgetTableHtml(title, runs, methods),
    },
  ];
}

const id = 'emais/table6-adam';

const settings = {
  ...commonSettings,
  epochs: scaleListSetting(
    "epochs of each total-iteration budget, one table row each (integers ≥ 1); empty: the scale's " +
      "(quick 4; full 13, 27, 54 ≈ [EMAIS]'s 6250, 12500, 25000 iterations)",
  ),
  lr: {
    kind: 'number',
    default: 1e-3,
    min: 0,
    minExclusive: true,
    help: 'Adam step size of every run ([EMAIS] §9.5: 1e-3)',
  },
} as const satisfies OptionSpecs;

/**
 * The four arms of Table 6 at one budget, under Adam with step size `lr` ([EMAIS] §9.5: Adam, lr 1e-3,
 * cosine). EMAIS-Adam keeps lrAdjust 'auto', which is the square-root rule under Adam.
 */
const adamArms = (epochs: number, lr: number): StudyArm[] => {
  const adam = { optimizer: 'adam', lr, epochs } as const;
  return [
    { label: 'Adam-Scan', options: { method: 'uniform', ...adam } },
    { label: 'Adam-Uni', options: { method: 'uniform-replace', ...adam } },
    { label: 'RAIS-Adam', options: { method: 'rais', ...adam } },
    { label: 'EMAIS-Adam', options: { method: 'emais', ...adam } },
  ];
};

/**
 * [EMAIS] Table 6 (§9.5) on fmnist-lenet with the EMAIS set-up under Adam: Adam-Scan, Adam-Uni, RAIS-Adam
 * and EMAIS-Adam (square-root rule) per total-iteration budget and seed; see {@link adamStudy}. The caption
 * ends with the study's own CPU cost.
 */
export const emaisTable6Adam: FigureSpec<typeof settings> = {
  id,
  title: '[EMAIS] Table 6: the Adam study',
  paper: '[EMAIS] Table 6',
  requires: [fashionMnistRequirement],
  settings,
  plan: (s) => {
    const budgets = scaleList(id, 'epochs', s.epochs, emaisStudyDefaults[s.scale].adamEpochs, 1);
    const arms = budgets.flatMap((epochs) => adamArms(epochs, s.lr));
    return { runs: studyPlan(s.scale, s.seeds, arms) };
  },
  make: ({ runs }, s) =>
    adamStudy(studyRuns(runs), { seeds: s.seeds, scale: s.scale, lr: s.lr }).map((x) =>
      withStudyCost(x, runs),
    ),
};
