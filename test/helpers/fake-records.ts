import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
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
 * Writes hand-made records (every column the figure code reads) where `runOrLoad` will find them; the values
 * depend on the seed and on the method's name, so the curves of a figure differ.
 */
export function writeFakeRun(dir: string, options: TrainOptions): void {
  mkdirSync(dir, { recursive: true });
  const seed = options.seed ?? 1;
  const tag = `${options.task},${options.method},${seed}`;
  const steps = [
    'task,method,seed,step,epoch,lr,batchLoss,msCpu,trIS,trU,trOpt,ems,efficiency,msScore,msSample,msGather,msForwardBackward,msImportance',
  ];
  for (let s = 0; s < FAKE_STEPS; s++) {
    const ems = 100 + (s % 7);
    steps.push(
      `${tag},${s},${Math.floor(s / 5)},0.01,${2 / (1 + s)},${5 + (s % 3)},0.5,0.8,0.4,${ems},0.6,0.1,0.1,0.1,4,0.1`,
    );
  }
  const evals = [
    'task,method,seed,step,epoch,trainSeconds,trainCpuSeconds,trainLoss,trainError,testLoss,testError,excessLoss',
  ];
  const m = options.method.length + JSON.stringify(options.methodOptions ?? {}).length / 10;
  for (let e = 0; e <= FAKE_STEPS / 5; e++) {
    const v = 1 / (1 + e * (1 + m / 10) + seed * 0.1);
    evals.push(
      `${tag},${e * 5},${e},${e * 0.1},${e * (0.1 + m / 100)},${v},${v / 2},${v * 1.1},${v / 3},${v / 10}`,
    );
  }
  writeFileSync(join(dir, 'steps.csv'), steps.join('\n') + '\n');
  writeFileSync(join(dir, 'evals.csv'), evals.join('\n') + '\n');
  const config = { ...resolveConfig({ ...options, out: null }), out: dir };
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify({ config, backend: { name: 'fake' }, wallSeconds: 1, totalSteps: FAKE_STEPS, final: {} }),
  );
}
