/**
 * Entry point of a sweep worker process (forked by a `createTrialPool` pool): runs the trials the parent sends,
 * one at a time, through `runOrLoad`, and reports each result or error back. The process stays up between
 * trials, so its tfjs backend and task data (cached instances) are set up once. Not part of the public API.
 */
import { userRegistrationSources } from '../builtins.js'; // a worker process is an entry point: it registers the built-ins itself
import { pathToFileURL } from 'node:url';
import { runComputeJob, type ComputeJob } from '../experiments/compute-job.js';
import { interruptible, isInterruptedError, requestInterrupt } from '../train/interrupt.js';
import { cacheTaskInstances } from './cache-task-instances.js';
import type { Trial } from './expand-trials.js';
import { trainTrial } from './train-trial.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const parentPid = process.ppid;

function send(m: WorkerReply): void {
  if (process.connected) process.send?.(m); // a pool closed before this worker was ready has disconnected it
}

/** The parent was killed (SIGKILL leaves no time to stop us): abandon the trial rather than finish it orphaned. */
function exitIfOrphaned(): void {
  try {
    process.kill(parentPid, 0);
  } catch {
    process.exit(1);
  }
}

async function runTrial(trial: Trial, root: string): Promise<void> {
  // A new interrupt scope per trial: an interrupt of the previous trial does not carry over, and one that
  // arrives while the task data load still stops the trial before its first step.
  send(await interruptible(() => trainTrial(trial, root, exitIfOrphaned)));
}

async function runJob(id: string, job: ComputeJob, root: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const r = await interruptible(() => runComputeJob(root, job));
    const cpu = process.cpuUsage(cpu0);
    send({
      type: 'computed',
      id,
      path: r.path,
      cached: r.cached,
      wallSeconds: (performance.now() - t0) / 1000,
      cpuSeconds: r.cached ? null : (cpu.user + cpu.system) / 1e6,
    });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    send({
      type: 'failed',
      id,
      error: err.message,
      stack: err.stack ?? '',
      interrupted: isInterruptedError(err),
    });
  }
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (m: WorkerRequest) => {
  if (m.type === 'run') queue = queue.then(() => runTrial(m.trial, m.root));
  else if (m.type === 'compute') queue = queue.then(() => runJob(m.id, m.job, m.root));
  else if (m.type === 'interrupt') requestInterrupt();
});
// Kernel > Interrupt and Ctrl-C signal the whole process group: the parent decides (it sends 'interrupt'), and a
// trial in training also stops on the signal itself (train is interruptible); between trials it is ignored.
process.on('SIGINT', () => {});
process.on('disconnect', () => {
  void queue.then(() => process.exit(0));
});

for (const p of (process.env.ISGRAD_SWEEP_PRELOAD ?? '').split('\n').filter((s) => s !== '')) {
  await import(pathToFileURL(p).href);
}
// Before the cache wraps the tasks: what the runner compares with its own registrations.
const registrations = [...userRegistrationSources()];
// One worker trains many runs: keep each task's data loaded between them (records are unchanged, tested).
cacheTaskInstances();
// A pool closed while this process was starting disconnected it before the 'disconnect' listener existed.
if (!process.connected) process.exit(0);
send({ type: 'ready', registrations });
