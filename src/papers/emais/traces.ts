import { traceScatter, type TraceScatter } from '../../emais/trace-scatter.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import type { ComputeJob } from '../../experiments/compute-job.js';
import {
  commonSettings,
  type FigureOutput,
  type FigureSpec,
  type Settings,
} from '../../experiments/figure-spec.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import { scatterFigure, fitLine } from '../../figures/scatter-figure.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { scaleIntSetting } from '../train-settings.js';
import { createRng, permutation } from '../../random/rng.js';
import { createTrainer } from '../../train/trainer.js';

/** Settings of [EMAIS] Figs. 3–5 at one scale (fmnist-lenet, SGD-Scan with the task's settings, cosine LR). */
export interface EmaisTraceScale {
  /** Epochs of the SGD-Scan run (quick: 6 epochs of 10k images ≈ 470 steps, as the EMAIS part's runs). */
  epochs: number;
  /** Checkpoints as fractions of the run ([EMAIS]: iterations 5000 and 25000 of 25000 → 0.2 and 1). */
  checkpoints: number[];
  /** Population M (random training samples) of the norms and the minibatch draws ([EMAIS] Fig. 3: 500 points). */
  population: number;
  /** Minibatches per checkpoint and their size B ([EMAIS]: B = 128). */
  minibatches: number;
  batchSize: number;
}

/**
 * Defaults per scale: quick `{ epochs: 6, checkpoints: [0.2, 1], population: 500, minibatches: 10, batchSize: 64 }`;
 * full `{ epochs: 54, checkpoints: [0.2, 1], population: 500, minibatches: 40, batchSize: 128 }`.
 */
export const emaisTraceDefaults: Readonly<Record<'quick' | 'full', EmaisTraceScale>> = Object.freeze({
  quick: { epochs: 6, checkpoints: [0.2, 1], population: 500, minibatches: 10, batchSize: 64 },
  full: { epochs: 54, checkpoints: [0.2, 1], population: 500, minibatches: 40, batchSize: 128 },
});

/** One checkpoint of one seed. */
export interface EmaisTraceCheckpoint extends TraceScatter {
  seed: number;
  step: number;
}

/**
 * Trains SGD-Scan on fmnist-lenet for one seed and measures {@link traceScatter} at each checkpoint.
 * @example
 * const cps = await emaisTraceCheckpoints(1, emaisTraceDefaults.quick, 'quick');
 */
export async function emaisTraceCheckpoints(
  seed: number,
  s: EmaisTraceScale,
  scale: 'quick' | 'full',
): Promise<EmaisTraceCheckpoint[]> {
  const trainer = await createTrainer({
    task: 'fmnist-lenet',
    method: 'uniform',
    seed,
    scale,
    epochs: s.epochs,
    schedule: 'cosine',
    evalEvery: 0,
  });
  const out: EmaisTraceCheckpoint[] = [];
  try {
    const N = trainer.task.train.n;
    // The stream's label is the module's former name: the same draws as the stored values of the part before.
    const rng = createRng(seed).derive('emais-trace-figures');
    const pop = permutation(N, rng).slice(0, Math.min(s.population, N)); // (M)
    for (const f of [...s.checkpoints].sort((a, b) => a - b)) {
      const step = Math.round(f * trainer.totalSteps);
      while (trainer.step < step && !trainer.done) trainer.runStep();
      const t = traceScatter(trainer.model, trainer.task.loss, trainer.task.train, pop, s, rng);
      out.push({ seed, step: trainer.step, ...t });
    }
  } finally {
    trainer.dispose();
  }
  return out;
}

/** The stored value of one seed: its checkpoints and the CPU seconds they took. */
export interface EmaisTraceValue {
  checkpoints: EmaisTraceCheckpoint[];
  cpuSeconds: number;
}

/**
 * Computes one seed's {@link EmaisTraceValue} (what {@link emaisTraceJob} stores).
 * @example
 * const v = await emaisTraceValue(1, emaisTraceDefaults.quick, 'quick');
 */
export async function emaisTraceValue(
  seed: number,
  s: EmaisTraceScale,
  scale: 'quick' | 'full',
): Promise<EmaisTraceValue> {
  const c0 = process.cpuUsage();
  const checkpoints = await emaisTraceCheckpoints(seed, s, scale);
  const c = process.cpuUsage(c0);
  return { checkpoints, cpuSeconds: (c.user + c.system) / 1e6 };
}

/**
 * The trace checks of one seed as a job (stored in `results/emais-traces/`), for the runner's workers and for the
 * figure.
 * @param s the settings of the measurement (a scale's {@link emaisTraceDefaults}, or changed ones).
 * @example
 * emaisTraceJob('quick', emaisTraceDefaults.quick, 1).fn; // 'emaisTraceValue'
 */
export function emaisTraceJob(scale: 'quick' | 'full', s: EmaisTraceScale, seed: number): ComputeJob {
  return {
    folder: 'emais-traces',
    settings: { task: 'fmnist-lenet', scale, seed, ...s },
    module: import.meta.url,
    fn: 'emaisTraceValue',
    args: [seed, s, scale],
    label: `EMAIS trace checks seed ${seed}`,
  };
}

const corr = (x: number[], y: number[]) => fitLine(x, y).r;

const settings = {
  ...commonSettings,
  epochs: scaleIntSetting(
    "epochs of the SGD-Scan run (fmnist-lenet, cosine LR); 0: the scale's (quick 6, full 54)",
  ),
  checkpoints: {
    kind: 'list',
    default: [0.2, 1],
    help: 'checkpoints as fractions in [0, 1] of the run ([EMAIS]: iterations 5000 and 25000 of 25000)',
  },
  population: {
    kind: 'int',
    default: 500,
    min: 2,
    help: 'random training samples M of the norms and of the minibatch draws ([EMAIS] Fig. 3: 500)',
  },
  minibatches: scaleIntSetting("IS minibatches drawn per checkpoint; 0: the scale's (quick 10, full 40)"),
  batch: scaleIntSetting(
    "size B of each minibatch (at least 2); 0: the scale's (quick 64, full 128 as [EMAIS])",
  ),
} as const satisfies OptionSpecs;

/**
 * The measurement settings of the figure's settings: each 0 setting is the scale's {@link emaisTraceDefaults} (so
 * the default settings give the stored values the part had before).
 * @example
 * emaisTraceScale({ scale: 'quick', epochs: 1, checkpoints: [1], population: 100, minibatches: 0, batch: 0 });
 */
export function emaisTraceScale(
  s: Pick<
    Settings<typeof settings>,
    'scale' | 'epochs' | 'checkpoints' | 'population' | 'minibatches' | 'batch'
  >,
): EmaisTraceScale {
  const d = emaisTraceDefaults[s.scale];
  const bad = s.checkpoints.find((f) => !(f >= 0 && f <= 1));
  if (bad !== undefined || s.checkpoints.length === 0) {
    throw new RangeError(
      `emais/traces: checkpoints must be a non-empty list of fractions in [0, 1], got [${s.checkpoints.join(', ')}]`,
    );
  }
  if (s.batch === 1) throw new RangeError("emais/traces: batch must be 0 (the scale's) or at least 2, got 1");
  return {
    epochs: s.epochs === 0 ? d.epochs : s.epochs,
    checkpoints: s.checkpoints,
    population: s.population,
    minibatches: s.minibatches === 0 ? d.minibatches : s.minibatches,
    batchSize: s.batch === 0 ? d.batchSize : s.batch,
  };
}

/**
 * [EMAIS] Figs. 3–5 (METHODS §7.3) on fmnist-lenet: logit- vs full-gradient norms, trace estimates from logits
 * vs from full per-sample gradients, and B_eff and s from both, at checkpoints of an SGD-Scan run (20% and 100% by
 * default), for each seed. One stored measurement per seed (`results/emais-traces/`).
 */
export const emaisTraces: FigureSpec<typeof settings> = {
  id: 'emais/traces',
  title: '[EMAIS] Figs. 3–5: logit-gradient norms and trace estimates vs full gradients',
  paper: '[EMAIS] Figs. 3, 4, 5',
  requires: [fashionMnistRequirement],
  settings,
  plan: (o) => {
    const s = emaisTraceScale(o);
    return { runs: [], computations: o.seeds.map((seed) => emaisTraceJob(o.scale, s, seed)) };
  },
  make: ({ computed }, o) => {
    const s = emaisTraceScale(o);
    const values = computed as EmaisTraceValue[];
    const cps = values.flatMap((v) => v.checkpoints);
    const cpuSeconds = values.reduce((a, v) => a + v.cpuSeconds, 0);
    const steps = [...new Set(cps.map((c) => c.step))].sort((a, b) => a - b);
    const label = (step: number) => `step ${step}`;
    const styles = Object.fromEntries(steps.map((st, k) => [label(st), k === 0 ? 'as' : 'is']));
    const where =
      `fmnist-lenet (${o.scale} scale: ${s.epochs} epochs SGD-Scan, cosine LR), checkpoints at steps ` +
      `${steps.join(' and ')} (the paper: 5000 and 25000 of 25000), seeds ${o.seeds.join(', ')}; ` +
      `${cpuSeconds.toFixed(0)} s CPU to measure.`;
    const ci = (v: number[]) => formatMeanCi(meanCi(v), 3);
    const perStep = <T>(f: (cs: EmaisTraceCheckpoint[]) => T) =>
      steps.map((st) => f(cps.filter((c) => c.step === st)));
    const entries: FigureOutput[] = [];
    const emit = (file: string, title: string, caption: string, figure: ReturnType<typeof scatterFigure>) => {
      entries.push({ file, title, caption, figure });
    };

    // Fig. 3: ‖u_i‖ vs ‖g_i‖ for the population of the first seed; correlations over all seeds.
    const first = o.seeds[0];
    const normRows = cps
      .filter((c) => c.seed === first)
      .flatMap((c) => c.uNorm.map((u, i) => ({ group: label(c.step), u, g: c.gNorm[i] })));
    const normCorr = perStep((cs) => ci(cs.map((c) => corr(c.uNorm, c.gNorm))));
    const minNormCorr = Math.min(...cps.map((c) => corr(c.uNorm, c.gNorm)));
    emit(
      'emais-fig3-norms',
      '[EMAIS] Fig. 3: logit-gradient norm vs full-gradient norm (fmnist-lenet)',
      `Each point is one of ${s.population} random training samples (seed ${first}): x = ‖∂ℓ/∂logits‖, ` +
        `y = ‖∇_θ ℓ‖ over all parameters. ${where} Pearson r per checkpoint over seeds: ` +
        `${steps.map((st, k) => `${label(st)}: ${normCorr[k]}`).join('; ')}. ` +
        (minNormCorr >= 0.8
          ? `Agrees with the paper (strong near-linear relation at both checkpoints; every seed's r ≥ ${minNormCorr.toFixed(2)}).`
          : `Differs from the paper's near-linear relation: some seed's r is ${minNormCorr.toFixed(2)}.`),
      scatterFigure(normRows, {
        x: 'u',
        y: 'g',
        title: 'Logit- vs full-gradient norm',
        xTitle: '‖∂ℓ/∂logits‖',
        yTitle: '‖∇_θ ℓ‖',
        fit: true,
        styles,
        opacity: 0.4,
      }),
    );

    // Fig. 4: trace estimates from logits (x) vs from full gradients (y), one point per minibatch, pooled over
    // checkpoints and seeds per trace (the spread across checkpoints is what makes the line visible, as in the paper).
    const kinds = ['trIS', 'trU', 'trOpt'] as const;
    const traceRows = cps.flatMap((c) =>
      c.minibatches.flatMap((m) => kinds.map((k) => ({ group: k, x: m.logit[k], y: m.full[k] }))),
    );
    const pooled = kinds.map((k) => {
      const pts = traceRows.filter((r) => r.group === k && r.x > 0 && r.y > 0);
      return {
        k,
        fit: fitLine(
          pts.map((r) => Math.log10(r.x)),
          pts.map((r) => Math.log10(r.y)),
        ),
      };
    });
    const minR = Math.min(...pooled.map((p) => p.fit.r));
    emit(
      'emais-fig4-traces',
      '[EMAIS] Fig. 4: trace estimates from logit gradients vs from full gradients (fmnist-lenet)',
      `One point per IS minibatch of B = ${s.batchSize} (${s.minibatches} per checkpoint and seed) drawn from noisy ` +
        `optimal logit weights (σ = 0.5, capped at 2/B); x: [EMAIS] Eqs. 10–12 on logit gradients, y: Prop. 4.1 on ` +
        `per-sample parameter gradients; least-squares lines on log10 values, pooled over checkpoints and seeds. ` +
        `${where} Pearson r of log10 values (n points), log-log slope: ` +
        `${pooled.map((p) => `${p.k} r = ${p.fit.r.toFixed(3)} (n = ${p.fit.n}), slope ${p.fit.b.toFixed(2)}`).join('; ')}. ` +
        (minR >= 0.9
          ? 'Agrees with the paper (traces from logits proportional to those from full gradients: r ≥ 0.9, slope ≈ 1).'
          : `Partly agrees with the paper: the relation is monotone but noisier (smallest r = ${minR.toFixed(3)}); ` +
            `with ${s.minibatches} minibatches of ${s.batchSize} per checkpoint the per-minibatch estimates scatter.`) +
        ' The two are in different units (logit vs parameter space), so only linearity, not the level, compares.',
      scatterFigure(traceRows, {
        x: 'x',
        y: 'y',
        title: 'Trace estimates: logits vs full gradients',
        xTitle: 'trace estimate from logit gradients',
        yTitle: 'trace estimate from full gradients',
        logX: true,
        logY: true,
        fit: true,
        styles: { trIS: 'is', trU: 'uniform', trOpt: 'emais' },
        opacity: 0.6,
        legend: 'outside',
      }),
    );

    // Fig. 5: B_eff and s from logits vs full gradients, with y = x.
    const ratioRows = (k: 'ems' | 'efficiency') =>
      cps.flatMap((c) => c.minibatches.map((m) => ({ group: label(c.step), x: m.logit[k], y: m.full[k] })));
    const diffs = (k: 'ems' | 'efficiency') =>
      perStep((cs) => meanCi(cs.flatMap((c) => c.minibatches.map((m) => m.logit[k] - m.full[k]))));
    const diff = (k: 'ems' | 'efficiency') =>
      diffs(k).map((t, i) => `${label(steps[i])}: ${formatMeanCi(t, 3)}`);
    // Agreement: the interval of the mean difference lies within ±tol (10% of B for B_eff, 0.1 for s).
    const verdict = (k: 'ems' | 'efficiency', tol: number, unit: string) => {
      const d = diffs(k);
      const within = d.every(
        (t) => Math.max(Math.abs(t.lower ?? t.mean), Math.abs(t.upper ?? t.mean)) <= tol,
      );
      const zero = d.filter((t) => (t.lower ?? t.mean) <= 0 && (t.upper ?? t.mean) >= 0).length;
      return within
        ? `Agrees with the paper: the mean difference is within ±${tol} ${unit} at every checkpoint` +
            (zero < d.length
              ? ' (a small systematic offset; the interval excludes 0 at some checkpoint).'
              : '.')
        : `Differs from the paper at some checkpoint: the mean difference exceeds ±${tol} ${unit}.`;
    };
    emit(
      'emais-fig5-ems',
      '[EMAIS] Fig. 5 (left): B_eff from logit gradients vs from full gradients (fmnist-lenet)',
      `B_eff = B·trU/trIS ([EMAIS] Eq. 7) per minibatch; dotted line y = x. ${where} Logit minus full, mean ± 95% t ` +
        `over minibatches: ${diff('ems').join('; ')}. ${verdict('ems', 0.1 * s.batchSize, 'samples (10% of B)')}`,
      scatterFigure(ratioRows('ems'), {
        x: 'x',
        y: 'y',
        title: 'B_eff: logits vs full gradients',
        xTitle: 'B_eff from logit gradients',
        yTitle: 'B_eff from full gradients',
        diagonal: true,
        styles,
        opacity: 0.7,
        markerSize: 7,
      }),
    );
    emit(
      'emais-fig5-efficiency',
      '[EMAIS] Fig. 5 (right): efficiency score from logit gradients vs from full gradients (fmnist-lenet)',
      `s = (trIS − trOpt)/(trU − trOpt) (METHODS §5.7) per minibatch; dotted line y = x. ${where} Logit minus full, ` +
        `mean ± 95% t over minibatches: ${diff('efficiency').join('; ')}. ${verdict('efficiency', 0.1, 'in s')} ` +
        'Per-minibatch s is noisy (a ratio of differences of estimates).',
      scatterFigure(ratioRows('efficiency'), {
        x: 'x',
        y: 'y',
        title: 'Efficiency score: logits vs full gradients',
        xTitle: 's from logit gradients',
        yTitle: 's from full gradients',
        diagonal: true,
        styles,
        opacity: 0.7,
        markerSize: 7,
      }),
    );
    return entries;
  },
};
