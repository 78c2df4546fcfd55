/**
 * `npm run bench [-- --json] [-- --quick]`: speed targets measured as ratios within one run (the machine is noisy,
 * so only ratios of interleaved measurements are meaningful).
 *
 * - stepRatio.<method>: median step time of the method ÷ uniform's on mnist-mlp. The runs advance one step at a
 *   time in rotating order, so all methods see the same machine state; IS/AS are measured after their
 *   initialisation epoch (their steady state).
 * - sampler: draw + update of B = 1024 indices at N = 1e5, 1e6, 1e7, sum tree vs O(N) renormalisation.
 */
import { parseArgs } from 'node:util';
import { createRng } from '../src/random/rng.js';
import { LinearPmf } from '../src/samplers/linear-pmf.js';
import { SumTree } from '../src/samplers/sum-tree.js';
import { createTrainer, type Trainer } from '../src/train/trainer.js';

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, quick: { type: 'boolean' } },
  strict: true,
});
const quick = values.quick === true;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

async function stepRatios(methods: string[], rounds: number) {
  const trainers: Record<string, Trainer> = {};
  for (const m of methods) {
    trainers[m] = await createTrainer({
      task: 'mnist-mlp',
      method: m,
      seed: 1,
      epochs: 1000,
      backend: 'auto',
    });
  }
  // Warm-up: IS/AS leave their uniform initialisation epoch; everyone runs a few steps to warm the JIT.
  for (const m of methods) {
    const t = trainers[m];
    const warm = m === 'uniform' ? 20 : t.sampler.stepsInEpoch(0) + 20;
    for (let i = 0; i < warm; i++) t.runStep();
  }
  const times: Record<string, number[]> = Object.fromEntries(methods.map((m) => [m, []]));
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < methods.length; j++) {
      const m = methods[(r + j) % methods.length]; // rotate the order every round
      const { record } = trainers[m].runStep();
      times[m].push(record.msSample + record.msForwardBackward + record.msImportance);
    }
  }
  const backend = trainers[methods[0]].backend.name;
  for (const m of methods) trainers[m].dispose();
  const stepMs = Object.fromEntries(methods.map((m) => [m, median(times[m])]));
  const stepRatio = Object.fromEntries(
    methods.filter((m) => m !== 'uniform').map((m) => [m, stepMs[m] / stepMs.uniform]),
  );
  return { backend, rounds, stepMs, stepRatio };
}

function samplerBench(sizes: number[], B: number) {
  const rng = createRng(7);
  const rows: { n: number; sumTreeMs: number; linearMs: number; speedup: number }[] = [];
  for (const n of sizes) {
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) q[i] = rng.next() + 1e-3;
    const tree = SumTree.fromArray(q);
    const lin = LinearPmf.fromArray(q);
    const idx = new Int32Array(B);
    const time = (s: SumTree | LinearPmf, reps: number) => {
      const ms: number[] = [];
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        s.sampleMany(rng, B, idx); // draw B
        for (let b = 0; b < B; b++) s.set(idx[b], rng.next() + 1e-3); // update the drawn entries
        ms.push(performance.now() - t0);
      }
      return median(ms);
    };
    const sumTreeMs = time(tree, 200);
    const linearMs = time(lin, n >= 1e7 ? 5 : 20);
    rows.push({ n, sumTreeMs, linearMs, speedup: linearMs / sumTreeMs });
  }
  return rows;
}

const steps = await stepRatios(['uniform', 'is', 'as'], quick ? 60 : 300);
const sampler = samplerBench(quick ? [1e5, 1e6] : [1e5, 1e6, 1e7], 1024);
const result = {
  backend: steps.backend,
  rounds: steps.rounds,
  stepMs: steps.stepMs,
  stepRatio: steps.stepRatio,
  sampler,
  targets: {
    'stepRatio.is <= 1.05': steps.stepRatio.is <= 1.05,
    'stepRatio.as <= 1.05': steps.stepRatio.as <= 1.05,
    'sumTree(1e7) <= 1 ms': quick ? null : sampler[2].sumTreeMs <= 1,
    'speedup(1e7) >= 20': quick ? null : sampler[2].speedup >= 20,
  },
};
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`backend ${result.backend}; ${result.rounds} interleaved rounds on mnist-mlp`);
  console.log('method      median step (ms)   ratio to uniform');
  for (const [m, ms] of Object.entries(result.stepMs)) {
    console.log(
      `${m.padEnd(12)}${ms.toFixed(3).padStart(16)}   ${m === 'uniform' ? '1' : result.stepRatio[m].toFixed(3)}`,
    );
  }
  console.log('\nsampler: draw + update of 1024 (median ms)');
  console.log('N            sum tree      O(N) renorm   speed-up');
  for (const r of sampler) {
    console.log(
      `${r.n.toExponential(0).padEnd(10)}${r.sumTreeMs.toFixed(4).padStart(11)}${r.linearMs.toFixed(3).padStart(15)}${r.speedup.toFixed(0).padStart(11)}×`,
    );
  }
  console.log('\ntargets:', JSON.stringify(result.targets));
}
