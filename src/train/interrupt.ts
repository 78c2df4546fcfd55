/**
 * Interrupts (Ctrl-C in a terminal, Kernel > Interrupt in JupyterLab: SIGINT to the process) for the kit's long
 * operations. While an operation runs inside {@link interruptible}, a SIGINT sets a process-wide flag instead of
 * killing the process; training loops check it at every step ({@link throwIfInterrupted}) and end with an
 * {@link InterruptedError}, before their run folder is written, so the store never holds a half-written run.
 * Node delivers signals through the event loop, so a loop that checks the flag must also yield now and then
 * ({@link yieldIfDue}). A second SIGINT while the first is still pending, with no other SIGINT listener (a
 * script, not a notebook kernel), exits with code 130 at once.
 */

/** Thrown by an operation stopped by an interrupt. `name` is 'InterruptedError'. */
export class InterruptedError extends Error {
  constructor(message = 'interrupted') {
    super(message.startsWith('interrupted') ? message : `interrupted: ${message}`);
    this.name = 'InterruptedError';
  }
}

/** True when `e` is an {@link InterruptedError} (also across module copies: checks the name). */
export function isInterruptedError(e: unknown): e is InterruptedError {
  return e instanceof Error && e.name === 'InterruptedError';
}

let requested = false;
let depth = 0;
const listeners = new Set<() => void>();

function onSigint(): void {
  if (requested && process.listenerCount('SIGINT') === 1) {
    process.stderr.write('\nisgrad: interrupted twice; exiting now\n');
    process.exit(130);
  }
  requestInterrupt();
}

/**
 * Asks every running interruptible operation to stop at its next step (what SIGINT does; a sweep worker calls it
 * when its parent says so).
 * @example
 * setTimeout(requestInterrupt, 1000); // stop a training in this process after 1 s
 */
export function requestInterrupt(): void {
  if (requested) return;
  requested = true;
  for (const l of [...listeners]) l();
}

/** True when an interrupt was requested and the interruptible operation has not yet ended. */
export function interruptRequested(): boolean {
  return requested;
}

/** Clears a requested interrupt (a sweep worker, before its next trial). */
export function clearInterrupt(): void {
  requested = false;
}

/**
 * Throws an {@link InterruptedError} when an interrupt was requested.
 * @param where what was stopped, for the message, e.g. 'poly6/is seed=1 at step 40 of 1280'.
 */
export function throwIfInterrupted(where: string): void {
  if (requested) throw new InterruptedError(`interrupted: ${where}`);
}

/**
 * Calls `listener` once when an interrupt is requested (at once when one is pending).
 * @returns a function that removes the listener.
 */
export function onInterrupt(listener: () => void): () => void {
  if (requested) {
    listener();
    return () => {};
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Re-installs the process's SIGINT handling. tslab runs a cell with `vm.runInThisContext(..., { breakOnSigint:
 * true })`: a listener added during that synchronous run (ours, when a cell calls `train`) is kept, but when the
 * run ends Node restores the signal's default action while its listeners stay registered, so the next SIGINT
 * kills the kernel. Removing every listener and adding them back (after the run, on the next turn of the event
 * loop) makes Node install its signal handler again.
 */
function rearmSigint(): void {
  if (depth === 0) return;
  const current = process.rawListeners('SIGINT') as ((...args: unknown[]) => void)[];
  process.removeAllListeners('SIGINT');
  for (const l of current) process.on('SIGINT', l);
}

/**
 * Runs `fn` with SIGINT turned into an interrupt request (see the module comment). Calls nest; the SIGINT
 * listener is removed and the flag cleared when the outermost call ends.
 * @example
 * await interruptible(() => train({ task: 'poly6', method: 'is' })); // Ctrl-C: rejects with InterruptedError
 */
export async function interruptible<T>(fn: () => Promise<T>): Promise<T> {
  const outermost = depth++ === 0;
  if (outermost) {
    requested = false;
    process.on('SIGINT', onSigint);
    setImmediate(rearmSigint);
  }
  try {
    // Re-arming closes and reopens the signal's handle, which drops a SIGINT that arrived before it and was not yet
    // read by the event loop; so `fn` starts only after the re-arm, and no interrupt of `fn` can be lost.
    if (outermost) await new Promise<void>((r) => setImmediate(r));
    return await fn();
  } finally {
    if (--depth === 0) {
      process.off('SIGINT', onSigint);
      requested = false;
      listeners.clear();
    }
  }
}

/** Default of {@link yieldIfDue}: yield after 100 ms of synchronous work. */
export const YIELD_EVERY_MS = 100;

/**
 * Lets the event loop run (signals, worker messages, notebook output) when `since` is at least
 * {@link YIELD_EVERY_MS} ago.
 * @param since `performance.now()` of the last yield.
 * @returns the time of this yield, or `since` when it did not yield.
 */
export async function yieldIfDue(since: number): Promise<number> {
  const now = performance.now();
  if (now - since < YIELD_EVERY_MS) return since;
  await new Promise<void>((r) => setImmediate(r));
  return performance.now();
}
