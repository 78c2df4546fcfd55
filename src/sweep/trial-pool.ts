import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComputeJob } from '../experiments/compute-job.js';
import { configHash } from '../records/config-hash.js';
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

/** The outcome of one {@link ComputeJob} run by the pool. */
export interface ComputeResult {
  job: ComputeJob;
  /** 'computed' now, 'cached' (the value was stored already), or 'failed'. */
  status: 'computed' | 'cached' | 'failed';
  /** The stored value's file (null when failed). */
  path: string | null;
  wallSeconds: number;
  /** CPU seconds of the worker process on the job; null when cached or failed. */
  cpuSeconds: number | null;
  /** Error message of a failed job. */
  error?: string;
}

/** Progress of a {@link TrialPool} (and of `runTrials`), reported after every change. */
export interface SweepProgress {
  /** Trials (and compute jobs) submitted so far. */
  total: number;
  /** Trials finished (trained + cached + failed). */
  done: number;
  /** Trials trained (and compute jobs computed). */
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

/** Options of {@link createTrialPool}. */
export interface TrialPoolOptions {
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

/** Options of {@link TrialPool.submit}. */
export interface SubmitOptions {
  /**
   * Put these trials before the ones already waiting (someone waits for them now, e.g. a run that depends on
   * another run's records). Default false: after them.
   */
  first?: boolean;
}

/**
 * Long-lived worker processes that train trials from one queue. Workers start when there is work (at most
 * `workers`), each takes trial after trial (its backend and task data stay loaded between trials), and they
 * stay up until {@link TrialPool.close}. A trial submitted twice (same id) runs once: the second submit waits
 * for the first.
 */
export interface TrialPool {
  /**
   * Queues trials (in the given order, after the waiting ones unless `first`) and resolves when all of them have
   * finished, one result each, in the order given. A failed trial is a result (`status: 'failed'`), not a
   * rejection; the promise rejects only when a worker process cannot be started.
   */
  submit(trials: readonly Trial[], options?: SubmitOptions): Promise<TrialResult[]>;
  /**
   * Queues measurements ({@link ComputeJob}: stored by `runComputeJob` under `root`) like trials; one result each,
   * in order. Jobs with the same folder and settings run once.
   */
  compute(jobs: readonly ComputeJob[], options?: SubmitOptions): Promise<ComputeResult[]>;
  /**
   * Stops the pool: trials still waiting are dropped (their results are 'failed' with the error 'not run: the
   * pool was closed'; no failure file), running ones finish, then the workers exit. Submitting after `close` is an
   * error.
   */
  close(): Promise<void>;
}

/** The result of a trial that did not finish: no run folder, no key, the error. */
function failedTrialResult(trial: Trial, error: string): TrialResult {
  return {
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
  };
}

/** Defaults of {@link createTrialPool}: one worker per core, no preloads. */
export const trialPoolDefaults = {
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

type Entry =
  | {
      kind: 'trial';
      id: string;
      trial: Trial;
      result: Promise<TrialResult>;
      settle: (r: TrialResult) => void;
      fail: (e: Error) => void;
    }
  | {
      kind: 'compute';
      id: string;
      job: ComputeJob;
      result: Promise<ComputeResult>;
      settle: (r: ComputeResult) => void;
      fail: (e: Error) => void;
    };

interface WorkerSlot {
  child: ChildProcess;
  ready: boolean;
  current: Entry | null;
  started: number;
}

/** A promise with its resolve and reject functions. */
function deferred<T>(): { result: Promise<T>; settle: (r: T) => void; fail: (e: Error) => void } {
  let settle: (r: T) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const result = new Promise<T>((res, rej) => {
    settle = res;
    fail = rej;
  });
  return { result, settle, fail };
}

/**
 * Starts a pool of trial workers (see {@link TrialPool}); results go to the store under `root` through
 * `runOrLoad`, so a finished trial (its `summary.json` exists) is loaded, not re-run. A trial that throws gets a
 * failure file and the pool goes on; a worker that dies inside a trial fails that trial only and is replaced.
 * @example
 * const pool = createTrialPool({ root: 'results', workers: 2 });
 * const [a, b] = await Promise.all([pool.submit(trialsA), pool.submit(trialsB)]);
 * await pool.close();
 */
export function createTrialPool(options: TrialPoolOptions): TrialPool {
  const workers = options.workers ?? trialPoolDefaults.workers;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new Error(`workers must be an integer ≥ 1, got ${workers}`);
  }
  const root = resolve(options.root);
  const failures = resolve(options.failures ?? join(root, 'failures'));
  const preload = (options.preload ?? trialPoolDefaults.preload).map((p) => resolve(p));
  const { file, execArgv } = workerEntry();
  const entries = new Map<string, Entry>();
  const queue: Entry[] = [];
  const slots = new Set<WorkerSlot>();
  const t0 = performance.now();
  const count = { trained: 0, cached: 0, failed: 0 };
  let running = 0;
  let trainedWall = 0;
  let closing = false;
  let fatal: Error | null = null;
  let onIdle: (() => void) | null = null;

  const report = (last?: TrialResult) => {
    if (options.onProgress === undefined) return;
    const done = count.trained + count.cached + count.failed;
    const left = entries.size - done;
    options.onProgress({
      total: entries.size,
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

  const finish = (e: Entry & { kind: 'trial' }, r: TrialResult) => {
    count[r.status]++;
    if (r.status === 'trained') trainedWall += r.wallSeconds;
    const failureFile = join(failures, `${r.trial.id}.json`);
    if (r.status !== 'failed' && existsSync(failureFile)) rmSync(failureFile); // an earlier failure is resolved
    report(r);
    e.settle(r);
  };

  const finishJob = (e: Entry & { kind: 'compute' }, r: ComputeResult) => {
    count[r.status === 'computed' ? 'trained' : r.status]++;
    report();
    e.settle(r);
  };

  const failJob = (e: Entry & { kind: 'compute' }, error: string) =>
    finishJob(e, { job: e.job, status: 'failed', path: null, wallSeconds: 0, cpuSeconds: null, error });

  const failEntry = (e: Entry, error: string, stack: string) =>
    e.kind === 'trial' ? failTrial(e, error, stack) : failJob(e, error);

  const failTrial = (e: Entry & { kind: 'trial' }, error: string, stack: string) => {
    const { trial } = e;
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
    finish(e, { ...failedTrialResult(trial, error), failureFile });
  };

  const pending = () => count.trained + count.cached + count.failed < entries.size;

  const startWorker = () => {
    const child: ChildProcess = fork(file, [], {
      execArgv,
      env: { ...process.env, ISGRAD_SWEEP_PRELOAD: preload.join('\n') },
      stdio: ['ignore', 2, 2, 'ipc'], // a worker's output goes to stderr: stdout carries the --json summary
    });
    const slot: WorkerSlot = { child, ready: false, current: null, started: 0 };
    slots.add(slot);
    child.on('message', (m: WorkerReply) => {
      if (m.type === 'ready') {
        slot.ready = true;
        return pump();
      }
      const e = slot.current;
      if (e === null || m.id !== e.id) return;
      slot.current = null;
      running--;
      if (m.type === 'failed') failEntry(e, m.error, m.stack);
      else if (e.kind === 'trial' && m.type === 'done') {
        finish(e, {
          trial: e.trial,
          status: m.cached ? 'cached' : 'trained',
          dir: m.dir,
          key: m.key,
          backend: m.backend,
          steps: m.steps,
          wallSeconds: m.wallSeconds,
          cpuSeconds: m.cpuSeconds,
          timing: m.timing,
        });
      } else if (e.kind === 'compute' && m.type === 'computed') {
        finishJob(e, {
          job: e.job,
          status: m.cached ? 'cached' : 'computed',
          path: m.path,
          wallSeconds: m.wallSeconds,
          cpuSeconds: m.cpuSeconds,
        });
      } else failEntry(e, `internal: worker replied '${m.type}' to a ${e.kind} request`, '');
      pump();
    });
    child.on('error', (err) => {
      fatal ??= err;
      for (const e of entries.values()) e.fail(err);
    });
    child.on('exit', (code, signal) => {
      slots.delete(slot);
      const e = slot.current;
      if (e !== null) {
        // The worker died inside a trial (crash, out of memory, killed): fail that trial only, replace the worker.
        running--;
        slot.current = null;
        const secs = ((performance.now() - slot.started) / 1000).toFixed(1);
        failEntry(
          e,
          `worker exited (code ${code}, signal ${signal}) after ${secs} s in this ${e.kind === 'trial' ? 'trial' : 'job'}`,
          '',
        );
      }
      pump();
    });
  };

  /** Hands waiting trials to idle workers, starts workers while there is more work than workers, stops idle ones when closing. */
  const pump = () => {
    for (const slot of slots) {
      if (!slot.ready || slot.current !== null) continue;
      const e = queue.shift();
      if (e === undefined) break;
      slot.current = e;
      slot.started = performance.now();
      running++;
      report();
      const m: WorkerRequest =
        e.kind === 'trial'
          ? { type: 'run', trial: e.trial, root }
          : { type: 'compute', id: e.id, job: e.job, root };
      slot.child.send(m);
    }
    const starting = [...slots].filter((s) => !s.ready).length; // each takes a trial once ready
    let toStart = Math.min(workers - slots.size, queue.length - starting);
    while (fatal === null && toStart-- > 0) startWorker();
    if (closing && (!pending() || fatal !== null)) {
      for (const s of slots) if (s.child.connected) s.child.disconnect();
      if (slots.size === 0) onIdle?.();
    }
  };

  /** Queues new entries (known ids join the existing one) and resolves with every entry's result, in order. */
  const enqueue = (items: { id: string; make: () => Entry }[], submitOptions: SubmitOptions) => {
    if (closing) return Promise.reject(new Error('TrialPool: the pool is closed'));
    if (fatal !== null) return Promise.reject(fatal);
    const fresh: Entry[] = [];
    const all = items.map(({ id, make }) => {
      const known = entries.get(id);
      if (known !== undefined) {
        const at = queue.indexOf(known);
        if (submitOptions.first === true && at > 0) {
          queue.splice(at, 1);
          fresh.push(known);
        }
        return known.result;
      }
      const e = make();
      entries.set(id, e);
      fresh.push(e);
      return e.result;
    });
    if (submitOptions.first === true) queue.unshift(...fresh);
    else queue.push(...fresh);
    report();
    pump();
    return Promise.all<unknown>(all);
  };

  return {
    submit(trials, submitOptions = {}) {
      return enqueue(
        trials.map((trial) => ({
          id: trial.id,
          make: (): Entry => ({ kind: 'trial', id: trial.id, trial, ...deferred<TrialResult>() }),
        })),
        submitOptions,
      ) as Promise<TrialResult[]>;
    },
    compute(jobs, submitOptions = {}) {
      return enqueue(
        jobs.map((job) => {
          const id = `compute-${configHash({ folder: job.folder, settings: job.settings })}`;
          return { id, make: (): Entry => ({ kind: 'compute', id, job, ...deferred<ComputeResult>() }) };
        }),
        submitOptions,
      ) as Promise<ComputeResult[]>;
    },
    close() {
      closing = true;
      for (const e of queue.splice(0)) {
        count.failed++;
        const error = 'not run: the pool was closed';
        if (e.kind === 'compute') {
          e.settle({ job: e.job, status: 'failed', path: null, wallSeconds: 0, cpuSeconds: null, error });
          continue;
        }
        e.settle(failedTrialResult(e.trial, error));
      }
      return new Promise<void>((done) => {
        onIdle = done;
        pump();
      });
    },
  };
}
