import type { Shard } from './shard-trials.js';
import type { TrialResult } from './run-trials.js';

/** What `isgrad sweep --json` prints: counts, timing and every failure. */
export interface SweepSummary {
  sweep: string;
  /** The shard run, or null for the whole sweep. */
  shard: Shard | null;
  workers: number;
  trials: number;
  trained: number;
  cached: number;
  failed: number;
  wallSeconds: number;
  /** CPU seconds of the trials trained now (sum over workers). */
  cpuSeconds: number;
  failures: { index: number; id: string; label: string; error: string; file: string }[];
}

/**
 * Summarises a sweep's trial results.
 * @example
 * JSON.stringify(sweepSummary('ablation-beta', results, { shard: null, workers: 2, wallSeconds: 60 }));
 */
export function sweepSummary(
  sweep: string,
  results: readonly TrialResult[],
  run: { shard: Shard | null; workers: number; wallSeconds: number },
): SweepSummary {
  const count = (s: TrialResult['status']) => results.filter((r) => r.status === s).length;
  return {
    sweep,
    shard: run.shard,
    workers: run.workers,
    trials: results.length,
    trained: count('trained'),
    cached: count('cached'),
    failed: count('failed'),
    wallSeconds: run.wallSeconds,
    cpuSeconds: results.reduce((s, r) => s + (r.cpuSeconds ?? 0), 0),
    failures: results
      .filter((r) => r.status === 'failed')
      .map((r) => ({
        index: r.trial.index,
        id: r.trial.id,
        label: r.trial.label,
        error: r.error ?? '',
        file: r.failureFile ?? '',
      })),
  };
}
