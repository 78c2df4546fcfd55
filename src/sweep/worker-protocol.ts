import type { Trial } from './expand-trials.js';

/** Message from the runner to a worker process. */
export type WorkerRequest = { type: 'run'; trial: Trial; root: string };

/** Message from a worker process to the runner. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'progress'; id: string; step: number; totalSteps: number }
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
    }
  | { type: 'failed'; id: string; error: string; stack: string };
