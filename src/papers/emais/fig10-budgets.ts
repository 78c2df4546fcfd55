import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import { scaleList, scaleListSetting } from '../train-settings.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import { ciLineFigure } from '../../figures/ci-line-figure.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { movingAverage, thinRows } from '../../stats/moving-average.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { finalEval, seedsText, smoothSetting } from './fmnist.js';
import {
  budgetDiffs,
  emaisStudyDefaults,
  perSeed,
  studyOptions,
  studyPlan,
  studyRuns,
  withStudyCost,
  type StudyOptions,
  type StudyOutput,
  type StudyRun,
} from './study-runs.js';

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
  const where = seedsText(o);
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
    thinRows(movingAverage(r.steps, 'efficiency', o.smooth), 5).map((e) => ({ ...e, curve: curve(r.iters) })),
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
        `score s, moving average over ${o.smooth} steps; ${where}. Tail mean of s (last quarter after the ` +
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
        `Final test error of runs trained for T total iterations (cosine schedule to 0 at T); ${where}. ` +
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

const id = 'emais/fig10-budgets';

const settings = {
  ...commonSettings,
  epochs: scaleListSetting(
    "epochs of each total-iteration budget (integers ≥ 3: longer than EMAIS's 2 warm-up epochs); empty: " +
      "the scale's (quick 4, 6; full 13, 27, 54 ≈ [EMAIS] Table 1's 6250, 12500, 25000 iterations)",
  ),
  smooth: smoothSetting,
} as const satisfies OptionSpecs;

/**
 * [EMAIS] Fig. 10 (App. C.2) on fmnist-lenet with the EMAIS set-up: EMAIS Linear-τ and SGD-Scan trained for
 * each total-iteration budget (cosine schedule to 0 at T), per seed; see {@link budgetStudy}. The runs at the
 * EMAIS figures' epochs are theirs (trained once); the second caption ends with the study's own CPU cost.
 */
export const emaisFig10Budgets: FigureSpec<typeof settings> = {
  id,
  title: '[EMAIS] Fig. 10: Linear-τ over total-iteration budgets',
  paper: '[EMAIS] Fig. 10',
  requires: [fashionMnistRequirement],
  settings,
  plan: (s) => {
    // At least 3 epochs: the efficiency score is read after the 2 uniform warm-up epochs (METHODS §5.11).
    const budgets = scaleList(id, 'epochs', s.epochs, emaisStudyDefaults[s.scale].budgetEpochs, 3);
    const arms = budgets.flatMap((epochs) => [
      { label: 'EMAIS Linear-τ', options: { method: 'emais', epochs } },
      { label: 'SGD-Scan', options: { method: 'uniform', epochs } },
    ]);
    return { runs: studyPlan(s.scale, s.seeds, arms) };
  },
  make: ({ runs }, s) =>
    budgetStudy(studyRuns(runs), studyOptions(s)).map((x, k) => (k === 1 ? withStudyCost(x, runs) : x)),
};
