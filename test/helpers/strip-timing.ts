import type { EvalRecord, StepRecord } from '../../src/train/trainer.js';

/** Timing fields of the records: wall and CPU times differ between any two runs, everything else must not. */
const TIMING = new Set([
  'msScore',
  'msSample',
  'msGather',
  'msForwardBackward',
  'msImportance',
  'msCpu',
  'trainSeconds',
  'trainCpuSeconds',
]);

/** A record without its timing fields, for exact comparison of two runs. */
export function stripTiming(r: StepRecord | EvalRecord | Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([k]) => !TIMING.has(k)));
}
