import { join, resolve } from 'node:path';
import { InterruptedError, interruptible, interruptRequested } from '../train/interrupt.js';
import { createProgressLine, defaultProgressMode } from '../train/progress-line.js';
import { formatProgress } from './format-progress.js';
import type { Trial } from './expand-trials.js';
import { SweepFailedError } from './sweep-failed-error.js';
import { trainTrial } from './train-trial.js';
import {
  createTrialPool,
  failedTrialResult,
  trialPoolDefaults,
  type SweepProgress,
  type TrialPoolOptions,
  type TrialResult,
} from './trial-pool.js';
import { clearFailureFile, writeFailureFile } from './write-failure-file.js';

export type { SweepProgress, TrialResult } from './trial-pool.js';

/** Options of {@link runTrials}: those of a {@link createTrialPool} pool, plus `workers: 0` and `allowFailures`. */
export interface RunTrialsOptions extends TrialPoolOptions {
  /**
   * Worker processes; 0 trains every trial in this process, one after the other (code registered here runs
   * without `useModule`). Default: `os.availableParallelism()`.
   */
  workers?: number;
  /**
   * When false (the default), failed trials make `runTrials` reject with a {@link SweepFailedError} listing them;
   * when true, it resolves with every result, failed ones included.
   */
  allowFailures?: boolean;
}

/** Defaults of {@link runTrials}: one worker per core, no preloads, failures reject. */
export const runTrialsDefaults = { ...trialPoolDefaults, allowFailures: false };

/**
 * Runs trials in worker processes through `runOrLoad`, so each trial's records land in the results store under
 * `root`; finished trials (a `summary.json` exists) are loaded, not re-run, which makes an interrupted sweep
 * resumable. A trial that throws gets a failure file and the sweep goes on; a worker that dies is replaced.
 * Each worker takes trial after trial in the given order (one pool for the call: see {@link createTrialPool}).
 *
 * - Code registered by the caller reaches the workers through `useModule` (or `preload`); a trial that uses a
 *   registration made in this process only fails the call before anything trains, with a message that says so.
 *   `workers: 0` trains in this process instead.
 * - When a trial failed, the call rejects with a {@link SweepFailedError} (after every trial ran), unless
 *   `allowFailures: true`.
 * - SIGINT (Ctrl-C, Kernel > Interrupt) stops the running trials before their next step, runs no more, and
 *   rejects with an `InterruptedError`; finished runs are in the store, interrupted ones left no run folder.
 * @returns one result per trial, in the order of `trials`.
 * @example
 * const results = await runTrials(expandTrials(loadSweepSpec('sweeps/ablation-beta.json')), { root: 'results' });
 * const all = await runTrials(trials, { root: 'results', workers: 0, allowFailures: true });
 * all.filter((r) => r.status === 'failed');
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
  const workers = options.workers ?? runTrialsDefaults.workers;
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`runTrials: workers must be an integer ≥ 0 (0: in this process), got ${workers}`);
  }
  // In a notebook, without a progress hook of the caller's: one line updated in place.
  const line =
    options.onProgress === undefined && defaultProgressMode() === 'notebook' ? createProgressLine() : null;
  const run: RunTrialsOptions =
    line === null
      ? options
      : { ...options, onProgress: (p) => line.update(`runTrials: ${formatProgress(p)}`, p.done === p.total) };
  const results = await interruptible(async () => {
    if (workers === 0) return runInProcess(trials, run);
    const pool = createTrialPool({ ...run, workers });
    try {
      return await pool.submit(trials);
    } finally {
      await pool.close();
    }
  }).finally(() => line?.end());
  const stopped = results.filter((r) => r.interrupted === true).length;
  if (stopped > 0) {
    throw new InterruptedError(
      `interrupted: ${results.length - stopped} of ${results.length} trials finished (their runs are in ` +
        `${resolve(options.root)}); run again to resume: finished runs load`,
    );
  }
  if (options.allowFailures !== true && results.some((r) => r.status === 'failed')) {
    throw new SweepFailedError(results, failuresFolder(options));
  }
  return results;
}

function failuresFolder(options: RunTrialsOptions): string {
  return resolve(options.failures ?? join(options.root, 'failures'));
}

/** `workers: 0`: the trials one after the other in this process, with the pool's results and progress. */
async function runInProcess(trials: readonly Trial[], options: RunTrialsOptions): Promise<TrialResult[]> {
  const root = resolve(options.root);
  const t0 = performance.now();
  const results: TrialResult[] = [];
  let trainedWall = 0;
  const report = (running: number, last?: TrialResult) => {
    if (options.onProgress === undefined) return;
    const count = (s: TrialResult['status']) => results.filter((r) => r.status === s).length;
    const trained = count('trained');
    const left = trials.length - results.length;
    const p: SweepProgress = {
      total: trials.length,
      done: results.length,
      trained,
      cached: count('cached'),
      failed: count('failed'),
      running,
      elapsedSeconds: (performance.now() - t0) / 1000,
      etaSeconds: trained > 0 ? (trainedWall / trained) * left : null,
      last,
    };
    options.onProgress(p);
  };
  for (const trial of trials) {
    if (interruptRequested()) {
      results.push({ ...failedTrialResult(trial, 'interrupted before it started'), interrupted: true });
      continue;
    }
    report(1);
    const m = await trainTrial(trial, root);
    let r: TrialResult;
    if (m.type === 'done') {
      r = { trial, status: m.cached ? 'cached' : 'trained', ...pick(m) };
      clearFailureFile(failuresFolder(options), trial); // an earlier failure is resolved
      if (!m.cached) trainedWall += m.wallSeconds;
    } else if (m.interrupted === true) r = { ...failedTrialResult(trial, m.error), interrupted: true };
    else {
      const failureFile = writeFailureFile(failuresFolder(options), trial, m.error, m.stack);
      r = { ...failedTrialResult(trial, m.error), failureFile };
    }
    results.push(r);
    report(0, r);
  }
  return results;
}

function pick(m: Extract<Awaited<ReturnType<typeof trainTrial>>, { type: 'done' }>) {
  const { dir, key, backend, steps, wallSeconds, cpuSeconds, timing } = m;
  return { dir, key, backend, steps, wallSeconds, cpuSeconds, timing };
}
