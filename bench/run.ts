/**
 * `npm run bench [-- --json] [-- --quick]`: speed targets measured as ratios within one run (the machine is noisy,
 * so only ratios of interleaved measurements are meaningful).
 *
 * - stepRatio.<method>: median step time of the method ÷ uniform's on mnist-mlp. The runs advance one step at a
 *   time in rotating order, so all methods see the same machine state; IS/AS are measured after their
 *   initialisation epoch (their steady state).
 * - cpuRatio.<method>: the same with each step's process CPU time (`StepRecord.msCpu`). On a machine that other
 *   processes load, wall-clock steps include time spent waiting for a core and the wall ratios drift (1.06–1.11
 *   measured at load 17 on 2 cores for methods at 1.00–1.03 when quiet); CPU time does not include the wait,
 *   so the targets are judged on the CPU ratios and the wall ratios are printed beside them.
 * - sampler: draw + update of B = 1024 indices at N = 1e5, 1e6, 1e7, sum tree vs O(N) renormalisation.
 * - reproduce.timeRatio: wall-clock seconds of a representative subset of the main job's parts (cold results)
 *   with the runner's default workers (2 here) ÷ in a single process (`workers: 0`: every run in-process, task
 *   instances reused across runs as in a worker);
 *   `reproduce.cpuSeconds` is the CPU time of this process and its workers on each side (about equal: the same
 *   work). Subset (`--reproduce-parts` overrides it): core, emais, asis-fig1, ablations — like `npm start`,
 *   mostly Fashion-MNIST LeNet runs, with a run that depends on another's records (emais), measurements that are
 *   not training runs (asis-fig1) and many short poly6 trials (core, ablations); `--quick`: core, asis-fig1,
 *   ablations. The subsets are short, so this process's serial share (loading records, drawing figures) weighs
 *   more than in the whole job and their ratio is an upper bound of the whole job's (0.75 vs 0.51 measured).
 *   `--reproduce-parts all --reproduce-once` times the whole main job, workers side first, each side once
 *   (≈ 18 + 35 min here).
 * - sweep.workers2Speedup: trial throughput of the sweep runner with two worker processes ÷ with one, on the same
 *   cold trials (poly6 IS, one seed per trial), worker start-up included.
 *
 * Both process-parallel measures run the built kit (`dist/`, as `npm start` and `isgrad sweep` do), and run their
 * sides in the order A, B, B, A (each side twice, cold every time) and sum each side, so that a change of the
 * machine's load during the measurement affects both sides alike; the load average before and after is printed
 * beside them.
 * - backends: median wall step time of uniform and is on mnist-mlp, fmnist-lenet, pointcloud and image-siren
 *   (quick scale) under wasm and tensorflow (`npm run backend:tensorflow`), and the ratio tensorflow ÷ wasm per
 *   task and method. All 16 trainers live in this process, each on the backend it was built on; every round
 *   switches the backend twice (order wasm, tensorflow, then tensorflow, wasm) and advances each trainer of the
 *   active backend one step, so both backends see the same machine state. is is measured after its
 *   initialisation epoch. Not in the default set (it needs the native backend): `--only backends`.
 *
 * `--only steps,sampler,sweep,reproduce,backends` runs only the named sections (default: all but backends).
 */
import '../src/builtins.js'; // registers the built-in tasks, samplers and methods
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setupBackend } from '../src/backend/setup-backend.js';
import { createRng } from '../src/random/rng.js';
import { LinearPmf } from '../src/samplers/linear-pmf.js';
import { SumTree } from '../src/samplers/sum-tree.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrainConfig } from '../src/train/config.js';
import { createTrainer, type Trainer } from '../src/train/trainer.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    only: { type: 'string' },
    'reproduce-parts': { type: 'string' },
    'reproduce-once': { type: 'boolean' },
  },
  strict: true,
});
const quick = values.quick === true;
const SECTIONS = ['steps', 'sampler', 'sweep', 'reproduce', 'backends'] as const;
const only = (values.only ?? SECTIONS.filter((x) => x !== 'backends').join(','))
  .split(',')
  .filter((x) => x !== '');
for (const x of only) {
  if (!(SECTIONS as readonly string[]).includes(x)) {
    throw new Error(`--only: '${x}' is not a section; allowed: ${SECTIONS.join(', ')}`);
  }
}
const runs = (section: (typeof SECTIONS)[number]) => only.includes(section);

// The process-parallel sections run the built kit (`dist/`, made by `npm run bench`'s build step), as `npm start`
// and `isgrad sweep` do: its workers start without the TypeScript loader (≈ 0.5 s of CPU instead of ≈ 1.1 s).
const dist = (m: string) => pathToFileURL(fileURLToPath(new URL(`../dist/${m}`, import.meta.url))).href;
const { REPRODUCE_PARTS, reproduce, reproduceDefaults } = (await import(
  dist('experiments/reproduce.js')
)) as typeof import('../src/experiments/reproduce.js');
const { expandTrials } = (await import(
  dist('sweep/expand-trials.js')
)) as typeof import('../src/sweep/expand-trials.js');
const { runTrials } = (await import(
  dist('sweep/run-trials.js')
)) as typeof import('../src/sweep/run-trials.js');
const { cacheTaskInstances } = (await import(
  dist('sweep/cache-task-instances.js')
)) as typeof import('../src/sweep/cache-task-instances.js');
const { validateSweepSpec } = (await import(
  dist('sweep/sweep-spec.js')
)) as typeof import('../src/sweep/sweep-spec.js');

/** CPU seconds of this process and of its children that have exited (the runner's workers), from /proc. */
function treeCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
  const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(f[i]), 0); // utime stime cutime cstime
  return ticks / CLK_TCK;
}
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/**
 * Runs `side(workers)` in the order a, b, b, a and sums wall-clock and CPU seconds per number of workers; a side
 * may return the wall-clock seconds that count (else the whole call counts).
 */
async function interleaved(
  [a, b]: [number, number],
  side: (workers: number, rep: number) => Promise<number | void>,
  order: readonly number[] = [a, b, b, a],
) {
  const seconds: Record<string, number> = { [`workers${a}`]: 0, [`workers${b}`]: 0 };
  const cpuSeconds: Record<string, number> = { [`workers${a}`]: 0, [`workers${b}`]: 0 };
  const load = [loadavg()[0]];
  for (const [rep, workers] of order.entries()) {
    const c0 = treeCpuSeconds();
    const t0 = performance.now();
    const counted = await side(workers, rep);
    seconds[`workers${workers}`] += typeof counted === 'number' ? counted : (performance.now() - t0) / 1000;
    cpuSeconds[`workers${workers}`] += treeCpuSeconds() - c0;
  }
  load.push(loadavg()[0]);
  const name = (w: number) => (w === a ? 'A' : 'B');
  return { seconds, cpuSeconds, loadAverage: load, order: order.map(name).join(', ') };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** One benchmarked configuration: a label and the training options it runs with. */
interface BenchEntry {
  label: string;
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;
}

/**
 * Median step time of each entry ÷ the first entry's (uniform on the same task), advancing the runs one step
 * at a time in rotating order so that all see the same machine state. Methods with an initialisation or
 * warm-up phase are measured after it (their steady state).
 */
async function stepRatios(entries: BenchEntry[], rounds: number) {
  const trainers: Trainer[] = [];
  for (const e of entries) {
    trainers.push(await createTrainer({ seed: 1, epochs: 1000, backend: 'auto', ...e.options }));
  }
  for (const t of trainers) {
    // Leave uniform-scan initialisation/warm-up epochs (IS/AS: 1, EMAIS: 2), then warm the JIT.
    let warm = 20;
    const warmEpochs = t.method.name === 'uniform' ? 0 : t.method.name === 'emais' ? 2 : 1;
    for (let e = 0; e < warmEpochs; e++) warm += t.sampler.stepsInEpoch(e);
    for (let i = 0; i < warm; i++) t.runStep();
  }
  const times: number[][] = entries.map(() => []);
  const cpu: number[][] = entries.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < entries.length; j++) {
      const k = (r + j) % entries.length; // rotate the order every round
      const { record } = trainers[k].runStep();
      times[k].push(
        record.msScore + record.msSample + record.msGather + record.msForwardBackward + record.msImportance,
      );
      cpu[k].push(record.msCpu);
    }
  }
  const backend = trainers[0].backend.name;
  for (const t of trainers) t.dispose();
  const stepMs = Object.fromEntries(entries.map((e, k) => [e.label, median(times[k])]));
  const base = stepMs[entries[0].label];
  const stepRatio = Object.fromEntries(entries.slice(1).map((e) => [e.label, stepMs[e.label] / base]));
  const cpuMs = Object.fromEntries(entries.map((e, k) => [e.label, median(cpu[k])]));
  const cpuBase = cpuMs[entries[0].label];
  const cpuRatio = Object.fromEntries(entries.slice(1).map((e) => [e.label, cpuMs[e.label] / cpuBase]));
  return { backend, rounds, stepMs, stepRatio, cpuMs, cpuRatio };
}

/**
 * Median wall step time per (task, method) on wasm and on tensorflow, interleaved in one process (see the
 * header), and the ratio tensorflow ÷ wasm.
 */
async function backendTable(tasks: readonly string[], methods: readonly string[], rounds: number) {
  const backends = ['wasm', 'tensorflow'] as const;
  await setupBackend('tensorflow').catch((e: Error) => {
    throw new Error(
      `bench --only backends needs the native backend (npm run backend:tensorflow): ${e.message}`,
    );
  });
  const cells = backends.flatMap((backend) =>
    tasks.flatMap((task) => methods.map((method) => ({ backend, task, method, ms: [] as number[] }))),
  );
  const trainers: Trainer[] = [];
  for (const c of cells) {
    await setupBackend(c.backend);
    const { backend, task, method } = c;
    const t = await createTrainer({ seed: 1, epochs: 1000, scale: 'quick', backend, task, method });
    // is: leave its uniform-scan initialisation epoch, then warm the JIT and the backend's kernels.
    let warm = 10;
    if (c.method !== 'uniform') warm += t.sampler.stepsInEpoch(0);
    for (let i = 0; i < warm; i++) t.runStep();
    trainers.push(t);
  }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? backends : ([...backends].reverse() as (typeof backends)[number][]);
    for (const backend of order) {
      await setupBackend(backend);
      cells.forEach((c, k) => {
        if (c.backend !== backend) return;
        const { record } = trainers[k].runStep();
        c.ms.push(
          record.msScore + record.msSample + record.msGather + record.msForwardBackward + record.msImportance,
        );
      });
    }
  }
  for (const t of trainers) t.dispose();
  const stepMs = (backend: string, task: string, method: string) =>
    median(cells.find((c) => c.backend === backend && c.task === task && c.method === method)!.ms);
  const rows = tasks.flatMap((task) =>
    methods.map((method) => {
      const wasm = stepMs('wasm', task, method);
      const tensorflow = stepMs('tensorflow', task, method);
      return { task, method, wasmMs: wasm, tensorflowMs: tensorflow, ratio: tensorflow / wasm };
    }),
  );
  return { rounds, loadAverage: loadavg()[0], rows };
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

/** Wall-clock of the same cold trials run by the sweep runner with 1 and 2 worker processes (1, 2, 2, 1). */
async function sweepSpeedup(nTrials: number) {
  const trials = expandTrials(
    validateSweepSpec({
      name: 'bench',
      base: { task: 'poly6', method: 'is', epochs: 60, backend: 'auto' },
      seeds: Array.from({ length: nTrials }, (_, i) => i + 1),
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'isgrad-bench-sweep-'));
  try {
    const t = await interleaved([1, 2], async (workers, rep) => {
      const r = await runTrials(trials, { root: join(dir, `r${rep}`), workers });
      const bad = r.filter((x) => x.status !== 'trained');
      if (bad.length > 0) throw new Error(`bench sweep: ${bad.length} trials not trained: ${bad[0].error}`);
    });
    return { trials: nTrials, ...t, workers2Speedup: t.seconds.workers1 / t.seconds.workers2 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Parts of the main job (cold results) in one process (`workers: 0`, every run in-process) and with the runner's
 * default workers (one per core), in the order single, workers, workers, single (`once`: workers, then single;
 * for the whole job, whose sides take ≈ 18 and ≈ 35 min here): wall-clock
 * of the parts (from the first part's start to the last one's end; the static figure export after them is left
 * out: it is the same on both sides) and CPU of the process tree (export included).
 */
async function reproduceSpeedup(parts: readonly string[], once: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'isgrad-bench-reproduce-'));
  // The single-process side reuses task instances (datasets) across runs as every worker does, so the ratio
  // measures the parallelism and not the ≈ 1 s Fashion-MNIST load per run the workers' cache saves.
  cacheTaskInstances();
  try {
    const t = await interleaved(
      [0, defaultWorkers],
      async (workers, rep) => {
        const report = await reproduce({
          ...reproduceDefaults,
          results: join(dir, `r${rep}`, 'results'),
          figures: join(dir, `r${rep}`, 'figures'),
          parts: REPRODUCE_PARTS.filter((p) => parts.includes(p.name)),
          workers,
        });
        for (const p of report.parts) {
          if (p.status !== 'ran') throw new Error(`bench reproduce: ${p.name} ${p.status} ${p.error ?? ''}`);
        }
        return report.parts.reduce((a, p) => a + p.seconds, 0);
      },
      once ? [defaultWorkers, 0] : undefined,
    );
    return {
      parts,
      workers: defaultWorkers,
      ...t,
      timeRatio: t.seconds[`workers${defaultWorkers}`] / t.seconds.workers0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mnist = (method: string, extra: Partial<TrainConfig> = {}): BenchEntry['options'] => ({
  task: 'mnist-mlp',
  method,
  ...extra,
});
const steps = runs('steps')
  ? await stepRatios(
      [
        { label: 'uniform', options: mnist('uniform') },
        { label: 'is', options: mnist('is') },
        { label: 'as', options: mnist('as') },
        { label: 'emais', options: mnist('emais') },
        { label: 'diagnostics', options: mnist('uniform', { diagnosticsEvery: 1 }) },
        { label: 'omisJ4', options: mnist('omis', { methodOptions: { J: 4 } }) },
      ],
      quick ? 60 : 300,
    )
  : null;
// image-siren has 3 outputs (RGB), so its OMIS uses J = 3 techniques (J > outputs is an error by design).
const siren = runs('steps')
  ? await stepRatios(
      [
        { label: 'uniform', options: { task: 'image-siren', method: 'uniform' } },
        { label: 'omisJ3Siren', options: { task: 'image-siren', method: 'omis', methodOptions: { J: 3 } } },
      ],
      quick ? 30 : 100,
    )
  : null;
const sampler = runs('sampler') ? samplerBench(quick ? [1e5, 1e6] : [1e5, 1e6, 1e7], 1024) : null;
// 16 trials of ≈ 2 s CPU each: the ≈ 1.5 s worker start-up (tsx) is a small share of each side
const defaultWorkers = availableParallelism();
const sweep = runs('sweep') ? await sweepSpeedup(quick ? 8 : 16) : null;
const partNames = REPRODUCE_PARTS.map((p) => p.name);
const reproduceParts =
  values['reproduce-parts'] === 'all'
    ? partNames
    : (values['reproduce-parts']?.split(',') ??
      (quick ? ['core', 'asis-fig1', 'ablations'] : ['core', 'emais', 'asis-fig1', 'ablations']));
for (const x of reproduceParts) {
  if (!partNames.includes(x)) {
    throw new Error(`--reproduce-parts: '${x}' is not a part; allowed: all, ${partNames.join(', ')}`);
  }
}
const reproduceTiming = runs('reproduce')
  ? await reproduceSpeedup(reproduceParts, values['reproduce-once'] === true)
  : null;
const backendRows = runs('backends')
  ? await backendTable(
      ['mnist-mlp', 'fmnist-lenet', 'pointcloud', 'image-siren'],
      ['uniform', 'is'],
      quick ? 10 : 30,
    )
  : null;
const ratioOf = (task: string, method: string) =>
  backendRows?.rows.find((r) => r.task === task && r.method === method)?.ratio ?? NaN;
const result = {
  backend: steps?.backend ?? null,
  rounds: steps?.rounds ?? null,
  stepMs:
    steps && siren
      ? { ...steps.stepMs, sirenUniform: siren.stepMs.uniform, omisJ3Siren: siren.stepMs.omisJ3Siren }
      : null,
  stepRatio: steps && siren ? ({ ...steps.stepRatio, ...siren.stepRatio } as Record<string, number>) : null,
  cpuMs:
    steps && siren
      ? ({
          ...steps.cpuMs,
          sirenUniform: siren.cpuMs.uniform,
          omisJ3Siren: siren.cpuMs.omisJ3Siren,
        } as Record<string, number>)
      : null,
  cpuRatio: steps && siren ? ({ ...steps.cpuRatio, ...siren.cpuRatio } as Record<string, number>) : null,
  sampler,
  sweep,
  reproduce: reproduceTiming,
  backends: backendRows,
  targets: {
    'backends fmnist-lenet tensorflow/wasm <= 0.5': backendRows
      ? ratioOf('fmnist-lenet', 'uniform') <= 0.5 && ratioOf('fmnist-lenet', 'is') <= 0.5
      : null,
    'backends pointcloud tensorflow/wasm <= 0.6': backendRows
      ? ratioOf('pointcloud', 'uniform') <= 0.6 && ratioOf('pointcloud', 'is') <= 0.6
      : null,
    'sweep.workers2Speedup >= 1.8': sweep ? sweep.workers2Speedup >= 1.8 : null,
    'reproduce.timeRatio <= 0.55': reproduceTiming ? reproduceTiming.timeRatio <= 0.55 : null,
    'cpuRatio.is <= 1.05': steps ? steps.cpuRatio.is <= 1.05 : null,
    'cpuRatio.as <= 1.05': steps ? steps.cpuRatio.as <= 1.05 : null,
    'cpuRatio.emais <= 1.05': steps ? steps.cpuRatio.emais <= 1.05 : null,
    'cpuRatio.diagnostics <= 1.10': steps ? steps.cpuRatio.diagnostics <= 1.1 : null,
    'cpuRatio.omisJ4 <= 2.0': steps ? steps.cpuRatio.omisJ4 <= 2.0 : null,
    'sumTree(1e7) <= 1 ms': quick || !sampler ? null : sampler[2].sumTreeMs <= 1,
    'speedup(1e7) >= 20': quick || !sampler ? null : sampler[2].speedup >= 20,
  },
};
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  if (result.stepMs && result.stepRatio && result.cpuMs && result.cpuRatio) {
    console.log(`backend ${result.backend}; ${result.rounds} interleaved rounds on mnist-mlp`);
    console.log(
      'method      wall step (ms)  ratio   CPU step (ms)  ratio   (ratios to uniform of the same task)',
    );
    for (const [m, ms] of Object.entries(result.stepMs)) {
      const base = m === 'uniform' || m === 'sirenUniform';
      const wall = base ? '1' : result.stepRatio[m].toFixed(3);
      const cpu = base ? '1' : result.cpuRatio[m].toFixed(3);
      console.log(
        `${m.padEnd(12)}${ms.toFixed(3).padStart(14)}${wall.padStart(7)}${result.cpuMs[m].toFixed(3).padStart(16)}${cpu.padStart(7)}`,
      );
    }
  }
  if (sampler) {
    console.log('\nsampler: draw + update of 1024 (median ms)');
    console.log('N            sum tree      O(N) renorm   speed-up');
    for (const r of sampler) {
      console.log(
        `${r.n.toExponential(0).padEnd(10)}${r.sumTreeMs.toFixed(4).padStart(11)}${r.linearMs.toFixed(3).padStart(15)}${r.speedup.toFixed(0).padStart(11)}×`,
      );
    }
  }
  const sides = (
    t: {
      seconds: Record<string, number>;
      cpuSeconds: Record<string, number>;
      loadAverage: number[];
      order: string;
    },
    [a, b]: [string, string],
  ) => {
    const [ka, kb] = Object.keys(t.seconds);
    return (
      `${t.seconds[ka].toFixed(1)} s ${a}, ${t.seconds[kb].toFixed(1)} s ${b} (CPU ${t.cpuSeconds[ka].toFixed(1)} s ` +
      `and ${t.cpuSeconds[kb].toFixed(1)} s; order ${t.order}; load average ` +
      `${t.loadAverage.map((x) => x.toFixed(1)).join(' → ')})`
    );
  };
  if (sweep) {
    console.log(
      `\nsweep runner: ${sweep.trials} trials, ${sides(sweep, ['with 1 worker', 'with 2'])}: ` +
        `${sweep.workers2Speedup.toFixed(2)}× throughput`,
    );
  }
  if (reproduceTiming) {
    console.log(
      `main job, parts ${reproduceTiming.parts.join(', ')}: ` +
        `${sides(reproduceTiming, ['in one process', `with ${reproduceTiming.workers} workers`])}: time ratio ` +
        `${reproduceTiming.timeRatio.toFixed(2)}`,
    );
  }
  if (backendRows) {
    console.log(`\nbackends: median wall step (ms), ${backendRows.rounds} interleaved rounds, quick scale`);
    console.log('task          method    wasm (ms)  tensorflow (ms)  tensorflow ÷ wasm');
    for (const r of backendRows.rows) {
      console.log(
        `${r.task.padEnd(14)}${r.method.padEnd(8)}${r.wasmMs.toFixed(2).padStart(11)}${r.tensorflowMs.toFixed(2).padStart(17)}${r.ratio.toFixed(2).padStart(19)}`,
      );
    }
  }
  console.log('\ntargets:', JSON.stringify(result.targets));
}
