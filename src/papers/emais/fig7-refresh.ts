import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import { scaleList, scaleListSetting } from '../train-settings.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import { ciLineFigure } from '../../figures/ci-line-figure.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { movingAverage, thinRows } from '../../stats/moving-average.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { pairedDifference } from '../../stats/verdict.js';
import { finalEval, seedsText, smoothSetting } from './fmnist.js';
import {
  emaisStudyDefaults,
  percentCi,
  perSeed,
  stepMean,
  studyOptions,
  studyPlan,
  studyRuns,
  withStudyCost,
  type StudyOptions,
  type StudyOutput,
  type StudyRun,
} from './study-runs.js';

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
  const where = seedsText(o);
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
      `${labels[l] ?? l}: final test error ${percentCi(meanCi(perSeed(runs, l, o.seeds, err)))} %, difference ` +
        `to no refresh ${percentCi(dErr)} points; train loss difference ${formatMeanCi(dLoss, 3)}`,
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
    thinRows(movingAverage(r.steps, 'efficiency', o.smooth), 5).map((e) => ({ ...e, curve: r.label })),
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
        `moving average over ${o.smooth} steps; ${where}. No refresh: mean s after the warm-up ` +
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
        `Test error vs epoch for the same runs; ${where}. No refresh: final test error ` +
        `${percentCi(meanCi(base.err))} %. ${errText.join('; ')} (paired over seeds). ${errVerdict}`,
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
        `${where}. No refresh: final train loss ${formatMeanCi(meanCi(base.loss), 3)}.`,
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

const id = 'emais/fig7-refresh';

const settings = {
  ...commonSettings,
  refreshEvery: scaleListSetting(
    'periods K (steps) of the extra EMAIS state refresh, one curve each (integers ≥ 1; [EMAIS] §9.8); ' +
      "empty: the scale's (quick 50, 150; full 1000, 5000)",
  ),
  smooth: smoothSetting,
} as const satisfies OptionSpecs;

/** The refresh periods K of the settings (empty: the scale's), checked. */
const periods = (s: { scale: 'quick' | 'full'; refreshEvery: number[] }) =>
  scaleList(id, 'refreshEvery', s.refreshEvery, emaisStudyDefaults[s.scale].refreshEvery, 1);

const none = 'no refresh';
const kLabel = (K: number) => `refresh every K = ${K}`;

/**
 * [EMAIS] Fig. 7 (§9.8) on fmnist-lenet with the EMAIS set-up (lr 0.01, momentum 0.9, weight decay 1e-3,
 * B = 128, cosine): EMAIS Linear-τ without an extra state refresh (the run other EMAIS figures train too) and
 * with one every K steps, per seed; see {@link refreshStudy}. The first caption ends with the study's own CPU
 * cost.
 */
export const emaisFig7Refresh: FigureSpec<typeof settings> = {
  id,
  title: '[EMAIS] Fig. 7: EMAIS with a state refresh every K steps',
  paper: '[EMAIS] Fig. 7',
  requires: [fashionMnistRequirement],
  settings,
  plan: (s) => ({
    runs: studyPlan(s.scale, s.seeds, [
      { label: none, options: { method: 'emais' } },
      ...periods(s).map((K) => ({
        label: kLabel(K),
        options: { method: 'emais', methodOptions: { refreshEvery: K } },
      })),
    ]),
  }),
  make: ({ runs }, s) => {
    const ks = periods(s);
    const labels: Record<string, string> = { [none]: 'EMAIS, no refresh' };
    for (const K of ks) labels[kLabel(K)] = `EMAIS, refresh every K = ${K}`;
    const o = studyOptions(s);
    return refreshStudy(studyRuns(runs), none, [none, ...ks.map(kLabel)], labels, o).map((x, k) =>
      k === 0 ? withStudyCost(x, runs) : x,
    );
  },
};
