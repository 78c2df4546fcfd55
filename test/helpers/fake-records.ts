import { dirname, join } from 'node:path';
import { setupBackend, type BackendName } from '../../src/backend/setup-backend.js';
import { writeRunRecords } from '../../src/records/write-run-records.js';
import { runKey } from '../../src/experiments/run-or-load.js';
import type { TrainOptions } from '../../src/experiments/types.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

/** Steps of a hand-made run: 8 epochs of 5 steps, past every warm-up the figure code looks at. */
export const FAKE_STEPS = 40;

/** Where `runOrLoad` keeps a run: the same resolution, backend and key. */
export async function runFolder(options: TrainOptions, root: string): Promise<{ dir: string; key: string }> {
  const resolved = resolveConfig({ ...options, out: null });
  const backend = await setupBackend(resolved.backend);
  const key = runKey(resolved, backend.name);
  return { dir: join(root, resolved.task, `${resolved.method}-s${resolved.seed}-${key}`), key };
}

/**
 * Writes hand-made records (every column the figure code reads) where `runOrLoad` will find them, through
 * `writeRunRecords` as `train` does (so they carry the integrity record every reader checks); the values depend on
 * the seed and on the method's name, so the curves of a figure differ.
 */
export async function writeFakeRun(dir: string, options: TrainOptions, key?: string): Promise<void> {
  const seed = options.seed ?? 1;
  const stepNames =
    'step,epoch,lr,batchLoss,msCpu,trIS,trU,trOpt,ems,efficiency,msScore,msSample,msGather,msForwardBackward,msImportance'.split(
      ',',
    );
  const steps: { step: number }[] = [];
  for (let s = 0; s < FAKE_STEPS; s++) {
    const v = [
      s,
      Math.floor(s / 5),
      0.01,
      2 / (1 + s),
      5 + (s % 3),
      0.5,
      0.8,
      0.4,
      100 + (s % 7),
      0.6,
      0.1,
      0.1,
      0.1,
      4,
      0.1,
    ];
    steps.push(Object.fromEntries(stepNames.map((n, i) => [n, v[i]])) as { step: number });
  }
  const m = options.method.length + JSON.stringify(options.methodOptions ?? {}).length / 10;
  const evals = [];
  for (let e = 0; e <= FAKE_STEPS / 5; e++) {
    const v = 1 / (1 + e * (1 + m / 10) + seed * 0.1);
    evals.push({
      step: e * 5,
      epoch: e,
      trainSeconds: e * 0.1,
      trainCpuSeconds: e * (0.1 + m / 100),
      trainLoss: v,
      trainError: v / 2,
      testLoss: v * 1.1,
      testError: v / 3,
      excessLoss: v / 10,
    });
  }
  const config = { ...resolveConfig({ ...options, out: null }), out: dir };
  await writeRunRecords(dir, {
    config,
    backend: { name: 'fake' as BackendName, requested: 'cpu', tfBackend: 'cpu', skipped: [] },
    steps,
    evals,
    final: {},
    wallSeconds: 1,
    totalSteps: FAKE_STEPS,
    key: key ?? (await runFolder(options, dirname(dirname(dir)))).key,
  });
}
