import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userRegistrations } from '../builtins.js';
import type { ComputeJob } from '../experiments/compute-job.js';
import { configHash } from '../records/config-hash.js';
import { InterruptedError, onInterrupt } from '../train/interrupt.js';
import type { Trial } from './expand-trials.js';
import { isTypeScriptModule, tsxLoader, usedModules } from './use-module.js';
import { clearFailureFile, writeFailureFile } from './write-failure-file.js';
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
  /** True when an interrupt stopped the trial (or it never started): not a failure of the trial, no failure file. */
  interrupted?: boolean;
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
  /**
   * Modules each worker imports before its first trial (e.g. registering custom tasks), after those given to
   * `useModule`. Default [].
   */
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
/** The result of a trial trained or loaded in this process (records of `runOrLoad`), without timing points. */
export function inProcessTrialResult(
  trial: Trial,
  r: {
    cached: boolean;
    dir: string;
    key: string;
    backend: string;
    steps: { numRows(): number };
    wallSeconds: number;
  },
  cpuSeconds: number | null,
): TrialResult {
  return {
    trial,
    status: r.cached ? 'cached' : 'trained',
    dir: r.dir,
    key: r.key,
    backend: r.backend,
    steps: r.steps.numRows(),
    wallSeconds: r.wallSeconds,
    cpuSeconds,
    timing: [],
  };
}

export function failedTrialResult(trial: Trial, error: string): TrialResult {
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
function workerEntry(preload: readonly string[]): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const file = join(dirname(here), `trial-worker${ext}`);
  if (ext !== '.ts' && !preload.some(isTypeScriptModule)) return { file, execArgv: [] };
  const tsx = tsxLoader();
  if (tsx === null) {
    const ts = preload.find(isTypeScriptModule);
    throw new Error(
      `preload '${ts}' is TypeScript, and the TypeScript loader tsx is not installed: run 'npm install tsx'`,
    );
  }
  return { file, execArgv: ['--import', tsx] };
}

/**
 * Why a trial cannot run on the workers, or null when it can: each registration it uses that is not a built-in
 * must be in the workers' registrations (`registered`: from their preloads) with the same source text.
 */
export function unreachableOnWorkers(trial: Trial, registered: ReadonlyMap<string, string>): string | null {
  for (const u of userRegistrations(trial.options)) {
    const there = registered.get(`${u.kind}\u0000${u.name}`);
    if (there === undefined) {
      return (
        `${u.kind} '${u.name}' is registered in this process only; pass it with useModule(...) ` +
        `(CLI: --preload MODULE) or run with workers: 0`
      );
    }
    if (there !== u.source) {
      return (
        `${u.kind} '${u.name}' differs between this process and the workers (its code was edited or ` +
        `registered again after the module was loaded); load the edited module with useModule(...) under a new ` +
        `file name (writeModule does this), or run with workers: 0`
      );
    }
  }
  return null;
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
  const preload = [
    ...new Set([...usedModules(), ...(options.preload ?? trialPoolDefaults.preload).map((p) => resolve(p))]),
  ];
  const { file, execArgv } = workerEntry(preload);
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
  let interrupted = false;
  /** The workers' non-built-in registrations, once the first worker is ready. */
  let workerRegistrations: Map<string, string> | null = null;

  /** Stops the pool for good: every entry's promise rejects with `err`, workers are disconnected. */
  const fail = (err: Error) => {
    fatal ??= err;
    for (const e of entries.values()) e.fail(fatal);
    queue.length = 0;
    pump();
  };

  /** Fails the pool, before anything trains, when a queued trial uses code the workers do not have. */
  const checkReachable = (items: readonly Entry[]) => {
    if (workerRegistrations === null) return;
    for (const e of items) {
      if (e.kind !== 'trial') continue;
      const why = unreachableOnWorkers(e.trial, workerRegistrations);
      if (why !== null) return fail(new Error(`trial '${e.trial.label}': ${why}`));
    }
  };

  const stopInterrupt = onInterrupt(() => {
    interrupted = true;
    for (const e of queue.splice(0)) {
      const error = 'interrupted before it started';
      if (e.kind === 'compute') failJob(e, error);
      else finish(e, { ...failedTrialResult(e.trial, error), interrupted: true });
    }
    for (const s of slots) if (s.current !== null && s.child.connected) s.child.send({ type: 'interrupt' });
  });

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
    if (r.status !== 'failed') clearFailureFile(failures, r.trial); // an earlier failure is resolved
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
    let failureFile: string;
    try {
      failureFile = writeFailureFile(failures, e.trial, error, stack);
    } catch (err) {
      return fail(err as Error); // nothing more can be recorded: the pool stops with one message
    }
    finish(e, { ...failedTrialResult(e.trial, error), failureFile });
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
        if (workerRegistrations === null) {
          workerRegistrations = new Map(m.registrations);
          checkReachable(queue);
        }
        return pump();
      }
      const e = slot.current;
      if (e === null || m.id !== e.id) return;
      slot.current = null;
      running--;
      if (m.type === 'failed' && m.interrupted === true && e.kind === 'trial') {
        finish(e, { ...failedTrialResult(e.trial, m.error), interrupted: true });
      } else if (m.type === 'failed') failEntry(e, m.error, m.stack);
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
    child.on('error', (err) => fail(err));
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
    let toStart = interrupted ? 0 : Math.min(workers - slots.size, queue.length - starting);
    while (fatal === null && toStart-- > 0) startWorker();
    if ((closing || interrupted) && (!pending() || fatal !== null)) {
      for (const s of slots) if (s.child.connected) s.child.disconnect();
      if (slots.size === 0) onIdle?.();
    }
  };

  /** Queues new entries (known ids join the existing one) and resolves with every entry's result, in order. */
  const enqueue = (items: { id: string; make: () => Entry }[], submitOptions: SubmitOptions) => {
    if (closing) return Promise.reject(new Error('TrialPool: the pool is closed'));
    if (fatal !== null) return Promise.reject(fatal);
    if (interrupted)
      return Promise.reject(new InterruptedError('interrupted: the trial pool was interrupted'));
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
    // No spread: a million arguments overflow the call stack.
    const after = submitOptions.first === true ? queue.splice(0) : [];
    for (const e of [fresh, after].flat()) queue.push(e);
    checkReachable(fresh);
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
      stopInterrupt();
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
