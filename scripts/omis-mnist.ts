/**
 * OMIS on mnist-mlp: final test error and per-epoch full-training-set loss of OMIS for
 * J ∈ {2, 4, 10} at the kit's defaults (node groups, β = 0.7 on A only), against IS and uniform (SGD-Scan), and the
 * configuration printed in [MIS] (top-J single nodes, β on A and b) at J = 2, seeds 1–3, 5 epochs (the first is the
 * uniform initialisation epoch of IS/OMIS), Adam 1e-3, B = 64, quick scale.
 * Run: `node --import tsx scripts/omis-mnist.ts` (≈ 10–40 s per run on wasm, 18 runs; ISGRAD_BACKEND=cpu is ~20×
 * slower). Prints mean ± sd and the 95% Student-t interval over seeds, and for each curve the largest rise of
 * the mean full-training loss between consecutive epochs next to the seed sd of the later epoch. docs/guide.md and the
 * OMIS estimator's doc comment quote the output.
 */
import '../src/builtins.js';
import { train } from '../src/train/train.js';
import type { TrainConfig } from '../src/train/config.js';

const seeds = [1, 2, 3];
const epochs = 5;
const backend = (process.env.ISGRAD_BACKEND ?? 'wasm') as TrainConfig['backend'];

/** Two-sided 95% Student-t quantiles t_{0.975, df}, df = 1..10. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

function stats(xs: number[]): { mean: number; sd: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? (T975[Math.min(n - 1, T975.length) - 1] * sd) / Math.sqrt(n) : 0;
  return { mean, sd, half };
}

const curves: { label: string; options: Partial<TrainConfig> & Pick<TrainConfig, 'method'> }[] = [
  { label: 'uniform (SGD-Scan)', options: { method: 'uniform' } },
  { label: 'IS', options: { method: 'is' } },
  { label: 'OMIS J=2', options: { method: 'omis', methodOptions: { J: 2 } } },
  { label: 'OMIS J=4', options: { method: 'omis', methodOptions: { J: 4 } } },
  { label: 'OMIS J=10', options: { method: 'omis', methodOptions: { J: 10 } } },
  {
    label: 'OMIS J=2, as printed (top nodes, β on A and b)',
    options: { method: 'omis', methodOptions: { J: 2, nodes: 'top', accumulate: 'Ab' } },
  },
];

const fmt = (s: { mean: number; sd: number; half: number }, d = 4) =>
  `${s.mean.toFixed(d)} ± ${s.sd.toFixed(d)} [${(s.mean - s.half).toFixed(d)}, ${(s.mean + s.half).toFixed(d)}]`;

console.log(`mnist-mlp, ${epochs} epochs, seeds ${seeds.join(', ')}, backend ${backend}`);
console.log('');
console.log(
  '| method | final test error per seed | mean ± sd [95% t-interval] | full-train loss per epoch (mean ± sd) | largest rise (sd) | s/run |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const { label, options } of curves) {
  const errors: number[] = [];
  const losses: number[][] = []; // (seed, eval)
  let seconds = 0;
  for (const seed of seeds) {
    const r = await train({ task: 'mnist-mlp', seed, epochs, backend, ...options });
    errors.push(r.final.testError ?? NaN);
    losses.push(r.evals.map((e) => e.trainLoss));
    seconds += r.wallSeconds;
  }
  const perEpoch = losses[0].map((_, e) => stats(losses.map((l) => l[e])));
  let rise = -Infinity;
  let riseSd = 0;
  for (let e = 2; e < perEpoch.length; e++) {
    const d = perEpoch[e].mean - perEpoch[e - 1].mean;
    if (d > rise) [rise, riseSd] = [d, perEpoch[e].sd];
  }
  const curve = perEpoch
    .slice(1)
    .map((s) => `${s.mean.toFixed(3)}±${s.sd.toFixed(3)}`)
    .join(' → ');
  console.log(
    `| ${label} | ${errors.map((e) => e.toFixed(4)).join(', ')} | ${fmt(stats(errors))} | ${curve} | ` +
      `${rise.toFixed(3)} (${riseSd.toFixed(3)}) | ${(seconds / seeds.length).toFixed(0)} |`,
  );
}
console.log('');
console.log(
  'largest rise: max over epochs 2..E of mean loss(e) − mean loss(e−1) (negative = always falling), with the seed ' +
    'sd at epoch e.',
);
