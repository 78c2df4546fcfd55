import type { Trial } from './expand-trials.js';
import { createTrialPool, trialPoolDefaults, type TrialPoolOptions, type TrialResult } from './trial-pool.js';

export type { SweepProgress, TrialResult } from './trial-pool.js';

/** Options of {@link runTrials} (those of a {@link createTrialPool} pool). */
export type RunTrialsOptions = TrialPoolOptions;

/** Defaults of {@link runTrials}: one worker per core, no preloads. */
export const runTrialsDefaults = trialPoolDefaults;

/**
 * Runs trials in worker processes through `runOrLoad`, so each trial's records land in the results store under
 * `root`; finished trials (a `summary.json` exists) are loaded, not re-run, which makes an interrupted sweep
 * resumable. A trial that throws gets a failure file and the sweep goes on; a worker that dies is replaced.
 * Each worker takes trial after trial in the given order (one pool for the call: see {@link createTrialPool}).
 * @returns one result per trial, in the order of `trials`.
 * @example
 * const results = await runTrials(expandTrials(loadSweepSpec('sweeps/ablation-beta.json')), { root: 'results' });
 * results.filter((r) => r.status === 'failed');
 */
export async function runTrials(trials: readonly Trial[], options: RunTrialsOptions): Promise<TrialResult[]> {
  const ids = new Map<string, Trial>();
  for (const t of trials) {
    const twin = ids.get(t.id);
    if (twin !== undefined) {
      // Two workers would train the same run into the same folder at once.
      throw new Error(
        `trials '${twin.label}' and '${t.label}' have the same id ${t.id} (same resolved config)`,
      );
    }
    ids.set(t.id, t);
  }
  const pool = createTrialPool(options);
  try {
    return await pool.submit(trials);
  } finally {
    await pool.close();
  }
}
