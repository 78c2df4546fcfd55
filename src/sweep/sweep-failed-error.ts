import type { TrialResult } from './trial-pool.js';

/** Failed trials listed in a {@link SweepFailedError}'s message; the rest are counted. */
const LISTED = 10;

/**
 * Thrown by `runTrials`, `runComparison` (and by the main job) when trials failed: the message lists the failed
 * trials (up to 10), the first line of each error and the folder of the failure files (one JSON file per trial,
 * with the stack). `failures` holds every failed trial's result, `results` every result. Pass
 * `{ allowFailures: true }` to `runTrials` or `runComparison` to get the results instead.
 * @example
 * try { await runTrials(trials, { root: 'results' }); }
 * catch (e) { if (e instanceof SweepFailedError) console.log(e.failures.map((f) => f.trial.label)); }
 */
export class SweepFailedError extends Error {
  readonly failures: TrialResult[];
  readonly results: TrialResult[];
  /** Folder of the failure files. */
  readonly failuresFolder: string;

  constructor(results: readonly TrialResult[], failuresFolder: string, what = 'trials') {
    const failures = results.filter((r) => r.status === 'failed');
    const lines = failures
      .slice(0, LISTED)
      .map((f) => `  ${f.trial.label}: ${(f.error ?? '').split('\n')[0]}`);
    if (failures.length > LISTED) lines.push(`  … and ${failures.length - LISTED} more`);
    super(
      `${failures.length} of ${results.length} ${what} failed:\n${lines.join('\n')}\n` +
        `failure files (error and stack per trial): ${failuresFolder}\n` +
        `(pass { allowFailures: true } to get the results instead of this error)`,
    );
    this.name = 'SweepFailedError';
    this.failures = failures;
    this.results = [...results];
    this.failuresFolder = failuresFolder;
  }
}
