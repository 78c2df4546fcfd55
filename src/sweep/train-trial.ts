import { runOrLoad } from '../experiments/run-or-load.js';
import type { Trial } from './expand-trials.js';
import type { TimingPoint, WorkerReply } from './worker-protocol.js';

/** What {@link trainTrial} reports: the worker protocol's reply for a trial. */
export type TrialReply = Extract<WorkerReply, { type: 'done' } | { type: 'failed' }>;

/**
 * Trains (or loads) one trial through `runOrLoad` in this process and reports it as a sweep worker does: its
 * folder, key, steps, the process's CPU and wall-clock seconds at each evaluation, or the error. Used by the
 * worker processes and by `runTrials` with `workers: 0`.
 * @param onStep called at each evaluation (the worker checks that its parent is alive).
 * @example
 * const reply = await trainTrial(expandTrials(spec)[0], 'results');
 */
export async function trainTrial(trial: Trial, root: string, onStep?: () => void): Promise<TrialReply> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const timing: TimingPoint[] = [];
  try {
    const r = await runOrLoad(trial.options, root, {
      onProgress: (p) => {
        onStep?.();
        const c = process.cpuUsage(cpu0);
        timing.push({
          step: p.step,
          cpuSeconds: (c.user + c.system) / 1e6,
          wallSeconds: (performance.now() - t0) / 1000,
        });
      },
    });
    const cpu = process.cpuUsage(cpu0);
    return {
      type: 'done',
      id: trial.id,
      dir: r.dir,
      key: r.key,
      cached: r.cached,
      backend: r.backend,
      steps: r.steps.numRows(),
      wallSeconds: r.cached ? r.wallSeconds : (performance.now() - t0) / 1000,
      cpuSeconds: r.cached ? null : (cpu.user + cpu.system) / 1e6,
      timing: r.cached ? [] : timing,
    };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return {
      type: 'failed',
      id: trial.id,
      error: err.message,
      stack: err.stack ?? '',
      interrupted: err.name === 'InterruptedError',
    };
  }
}
