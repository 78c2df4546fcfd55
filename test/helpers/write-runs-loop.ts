// Writes fake runs 1, 2, 3, ... into the run directory argv[2] forever, printing each committed run's number.
// Every file of run i carries i (the `seed` column and summary.config.seed), so a directory mixing two runs shows.
// Used by test/records/run-directory.test.ts, which kills this process with SIGKILL at random moments.
import { writeRunRecords } from '../../src/records/write-run-records.js';
import type { TrainResult } from '../../src/train/train.js';

const out = process.argv[2];
const rows = Number(process.argv[3] ?? '3000');

function fakeRun(i: number): TrainResult {
  const steps = Array.from({ length: rows }, (_, k) => ({
    step: k + 1,
    epoch: k / rows,
    lr: 0.1,
    lrScale: 1,
    batchLoss: 1 / (k + i),
    msScore: 0,
    msSample: 0,
    msGather: 0,
    msForwardBackward: 0,
    msImportance: 0,
  }));
  const evals = Array.from({ length: rows }, (_, k) => ({
    step: k,
    epoch: k,
    trainSeconds: k,
    trainLoss: i + k,
  }));
  return {
    config: { task: 'fake', method: 'loop', seed: i },
    backend: { requested: 'cpu', name: 'cpu', tfBackend: 'cpu', skipped: [] },
    steps,
    evals,
    final: { trainLoss: i },
    wallSeconds: 0,
    totalSteps: rows,
    recordsPath: null,
  } as unknown as TrainResult; // only the fields writeRunRecords reads are filled in
}

for (let i = 1; ; i++) {
  await writeRunRecords(out, fakeRun(i));
  process.stdout.write(`${i}\n`);
}
