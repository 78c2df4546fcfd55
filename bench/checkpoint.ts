/**
 * `npx tsx bench/checkpoint.ts [--backend cpu|wasm] [--steps 300]`: cost of one checkpoint of a mnist-mlp run
 * (method 'is', its importance memory over N samples): `Trainer.checkpoint()` (model and optimiser read-back,
 * sampler state), the encoding of the records so far, and the atomic write with its SHA-256 header; against the
 * run's median step time. Prints one JSON line.
 */
import '../src/builtins.js';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeState, type StateValue } from '../src/checkpoint/state-codec.js';
import { checkpointPath, writeCheckpoint } from '../src/records/checkpoint-file.js';
import type { BackendRequest } from '../src/backend/setup-backend.js';
import { createTrainer, type StepRecord } from '../src/train/trainer.js';

const { values } = parseArgs({
  options: { backend: { type: 'string', default: 'auto' }, steps: { type: 'string', default: '300' } },
  strict: true,
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

const t = await createTrainer({
  task: 'mnist-mlp',
  method: 'is',
  seed: 1,
  backend: values.backend as BackendRequest,
});
const dir = mkdtempSync(join(tmpdir(), 'isgrad-ckpt-bench-'));
const path = checkpointPath(join(dir, 'run'), '000000000000');
const steps: StepRecord[] = [];
const stepMs: number[] = [];
const stateMs: number[] = [];
const writeMs: number[] = [];
const total = Number(values.steps);
try {
  while (steps.length < total && !t.done) {
    const t0 = performance.now();
    steps.push(t.runStep().record);
    stepMs.push(performance.now() - t0);
    if (steps.length % 25 === 0) {
      const t1 = performance.now();
      const trainer = t.checkpoint();
      const t2 = performance.now();
      writeCheckpoint(path, {
        key: '000000000000',
        step: t.step,
        trainer,
        records: encodeState({ steps, evals: [] } as unknown as StateValue),
      });
      const t3 = performance.now();
      stateMs.push(t2 - t1);
      writeMs.push(t3 - t2);
    }
  }
  const size = statSync(path).size;
  console.log(
    JSON.stringify({
      task: 'mnist-mlp',
      method: 'is',
      backend: t.backend.name,
      n: t.task.train.n,
      params: t.model.numParams,
      checkpoints: stateMs.length,
      stepMsMedian: +median(stepMs).toFixed(2),
      checkpointStateMsMedian: +median(stateMs).toFixed(2),
      checkpointWriteMsMedian: +median(writeMs).toFixed(2),
      checkpointWriteMsLast: +writeMs[writeMs.length - 1].toFixed(2),
      recordsInLast: steps.length,
      fileMB: +(size / 2 ** 20).toFixed(2),
    }),
  );
} finally {
  t.dispose();
  rmSync(dir, { recursive: true, force: true });
}
