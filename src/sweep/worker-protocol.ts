import type { ComputeJob } from '../experiments/compute-job.js';
import type { Trial } from './expand-trials.js';

/** The worker process's CPU and wall-clock seconds since the trial started, at one evaluation. */
export interface TimingPoint {
  /** Steps taken before the evaluation. */
  step: number;
  cpuSeconds: number;
  wallSeconds: number;
}

/** Message from the runner to a worker process: train a trial, or run a measurement (`ComputeJob`). */
export type WorkerRequest =
  | { type: 'run'; trial: Trial; root: string }
  /** Stop the running trial or job before its next step (it then fails with `interrupted: true`). */
  | { type: 'interrupt' }
  | { type: 'compute'; id: string; job: ComputeJob; root: string };

/** Message from a worker process to the runner. */
export type WorkerReply =
  | {
      type: 'ready';
      /** The worker's registrations that are not built-ins (its preloads'): `${kind}\0${name}` → source text. */
      registrations: [string, string][];
    }
  | {
      type: 'done';
      id: string;
      dir: string;
      key: string;
      cached: boolean;
      backend: string;
      steps: number;
      wallSeconds: number;
      /** CPU seconds (user + system) of the worker process during the trial; null when loaded from disk. */
      cpuSeconds: number | null;
      /** CPU and wall-clock time at each evaluation; [] when loaded from disk. */
      timing: TimingPoint[];
    }
  | {
      type: 'computed';
      id: string;
      /** The stored value's file. */
      path: string;
      /** True when it was there already. */
      cached: boolean;
      wallSeconds: number;
      /** CPU seconds of the worker process during the job; null when loaded. */
      cpuSeconds: number | null;
    }
  | {
      type: 'failed';
      id: string;
      error: string;
      stack: string;
      /** True when an interrupt stopped it (no failure file: nothing is wrong with the trial). */
      interrupted?: boolean;
    };
