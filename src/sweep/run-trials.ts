import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../records/write-run-records.js';
import type { Trial } from './expand-trials.js';
import type { TimingPoint, WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The outcome of one trial. */
export interface TrialResult {
  trial: Trial;
  /** 'trained' now, 'cached' (records found from an earlier run), or 'failed'. */
  status: 'trained' | 'cached' | 'failed';
  /** The run's records folder (null when failed). */
  dir: string | null;
  /** The run's store key (null when failed). */
  key: string | null;
  /** Backend the run trained on (null when failed). */
  backend: string | null;
  /** Optimisation steps recorded (0 when failed). */
  steps: number;
  /** Wall-clock seconds of the trial (for a cached trial: of its original run). */
  wallSeconds: number;
  /** CPU seconds (user + system) the worker process spent on the trial; null when cached or failed. */
  cpuSeconds: number | null;
  /**
   * The worker process's CPU and wall-clock seconds since the trial started, at each evaluation (step 0 first);
   * [] when cached or failed. Differences between two points give the CPU cost of the steps between them, free
   * of start-up and JIT warm-up.
   */
  timing: TimingPoint[];
  /** Error message of a failed trial; its failure file holds the stack. */
  error?: string;
  /** Failure file of a failed trial. */
  failureFile?: string;
}

/** Progress of {@link runTrials}, reported after every change. */
export interface SweepProgress {
  total: number;
  /** Trials finished (trained + cached + failed). */
  done: number;
  trained: number;
  cached: number;
  failed: number;
  running: number;
  elapsedSeconds: number;
  /** Estimated seconds left (mean trained-trial time × trials left ÷ workers); null before the first trained trial. */
  etaSeconds: number | null;
  /** The trial that just finished, if any. */
  last?: TrialResult;
}

/** Options of {@link runTrials}. */
export interface RunTrialsOptions {
  /** Root folder of the results store (`runOrLoad`'s root). Required. */
  root: string;
  /** Worker processes. Default: `os.availableParallelism()` (wasm uses one thread per process). */
  workers?: number;
  /** Folder of failure files (`<trial id>.json`). Default `<root>/failures`. */
  failures?: string;
  /** Modules each worker imports before its first trial (e.g. registering custom tasks). Default []. */
  preload?: string[];
  /** Called after every start and end of a trial. */
  onProgress?: (p: SweepProgress) => void;
}

/** Defaults of {@link runTrials}: one worker per core, no preloads. */
export const runTrialsDefaults = {
  workers: availableParallelism(),
  preload: [] as string[],
};

/**
 * How to start a worker: from `dist/` the compiled `trial-worker.js`; from the sources (tests, `tsx`) the
 * `.ts` file with the tsx loader.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const file = join(dirname(here), `trial-worker${ext}`);
  return { file, execArgv: ext === '.ts' ? ['--import', import.meta.resolve('tsx')] : [] };
}

/**
 * Runs trials in worker processes through `runOrLoad`, so each trial's records land in the results store under
 * `root`; finished trials (a `summary.json` exists) are loaded, not re-run, which makes an interrupted sweep
 * resumable. A trial that throws gets a failure file and the sweep goes on; a worker that dies is replaced.
 * @returns one result per trial, in the order of `trials`.
 * @example
 * const results = await runTrials(expandTrials(loadSweepSpec('sweeps/ablation-beta.json')), { root: 'results' });
 * results.filter((r) => r.status === 'failed');
 */
export async function runTrials(trials: readonly Trial[], options: RunTrialsOptions): Promise<TrialResult[]> {
  const workers = options.workers ?? runTrialsDefaults.workers;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new Error(`workers must be an integer ≥ 1, got ${workers}`);
  }
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
  const root = resolve(options.root);
  const failures = resolve(options.failures ?? join(root, 'failures'));
  const preload = (options.preload ?? runTrialsDefaults.preload).map((p) => resolve(p));
  const results = new Map<string, TrialResult>();
  const queue = [...trials];
  const t0 = performance.now();
  let running = 0;
  const { file, execArgv } = workerEntry();

  const count = { trained: 0, cached: 0, failed: 0 };
  let trainedWall = 0;
  const report = (last?: TrialResult) => {
    if (options.onProgress === undefined) return;
    const done = count.trained + count.cached + count.failed;
    const left = trials.length - done;
    options.onProgress({
      total: trials.length,
      done,
      ...count,
      running,
      elapsedSeconds: (performance.now() - t0) / 1000,
      etaSeconds:
        count.trained > 0
          ? ((trainedWall / count.trained) * left) / Math.min(workers, Math.max(1, left))
          : null,
      last,
    });
  };

  const finish = (r: TrialResult) => {
    results.set(r.trial.id, r);
    count[r.status]++;
    if (r.status === 'trained') trainedWall += r.wallSeconds;
    const failureFile = join(failures, `${r.trial.id}.json`);
    if (r.status !== 'failed' && existsSync(failureFile)) rmSync(failureFile); // an earlier failure is resolved
    report(r);
  };

  const fail = (trial: Trial, error: string, stack: string) => {
    const failureFile = join(failures, `${trial.id}.json`);
    mkdirSync(failures, { recursive: true });
    const record = {
      id: trial.id,
      index: trial.index,
      label: trial.label,
      options: trial.options,
      error,
      stack,
    };
    writeFileAtomic(failureFile, JSON.stringify(record, null, 2) + '\n');
    finish({
      trial,
      status: 'failed',
      dir: null,
      key: null,
      backend: null,
      steps: 0,
      wallSeconds: 0,
      cpuSeconds: null,
      timing: [],
      error,
      failureFile,
    });
  };

  await new Promise<void>((done, reject) => {
    let alive = 0;
    const startWorker = () => {
      alive++;
      const child: ChildProcess = fork(file, [], {
        execArgv,
        env: { ...process.env, ISGRAD_SWEEP_PRELOAD: preload.join('\n') },
        stdio: ['ignore', 2, 2, 'ipc'], // a worker's output goes to stderr: stdout carries the --json summary
      });
      let current: Trial | null = null;
      let started = 0;
      const next = () => {
        const trial = queue.shift();
        if (trial === undefined) {
          current = null;
          child.disconnect();
          return;
        }
        current = trial;
        started = performance.now();
        running++;
        report();
        const m: WorkerRequest = { type: 'run', trial, root };
        child.send(m);
      };
      child.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') return next();
        if (current === null || m.id !== current.id) return;
        const trial = current;
        running--;
        if (m.type === 'failed') fail(trial, m.error, m.stack);
        else {
          finish({
            trial,
            status: m.cached ? 'cached' : 'trained',
            dir: m.dir,
            key: m.key,
            backend: m.backend,
            steps: m.steps,
            wallSeconds: m.wallSeconds,
            cpuSeconds: m.cpuSeconds,
            timing: m.timing,
          });
        }
        next();
      });
      child.on('error', (e) => reject(e));
      child.on('exit', (code, signal) => {
        alive--;
        if (current !== null) {
          // The worker died inside a trial (crash, out of memory, killed): record it and replace the worker.
          running--;
          const secs = ((performance.now() - started) / 1000).toFixed(1);
          fail(current, `worker exited (code ${code}, signal ${signal}) after ${secs} s in this trial`, '');
          current = null;
          if (queue.length > 0) startWorker();
        }
        if (alive === 0) done();
      });
    };
    const n = Math.min(workers, queue.length);
    if (n === 0) return done();
    for (let i = 0; i < n; i++) startWorker();
  });
  return trials.map((t) => {
    const r = results.get(t.id);
    if (r === undefined) throw new Error(`internal: trial ${t.index} (${t.label}) got no result`);
    return r;
  });
}
