/**
 * One progress line for long operations, drawn where the output goes:
 * - `'notebook'` (a tslab kernel: JupyterLab, nbconvert): one output entry replaced in place
 *   (`update_display_data` through tslab's `newDisplay`), at most every 0.5 s;
 * - `'terminal'` (the stream is a TTY): one line redrawn with a carriage return;
 * - `'log'` (a file or pipe): a line at most every `logEverySeconds` (default 10 s), and the last one.
 */
export type ProgressMode = 'notebook' | 'terminal' | 'log';

/** Options of {@link createProgressLine}. */
export interface ProgressLineOptions {
  /** Where to draw. Default: 'notebook' in a tslab kernel, else 'terminal' when stderr is a TTY, else 'log'. */
  mode?: ProgressMode;
  /** Seconds between two lines in 'log' mode. Default 10. */
  logEverySeconds?: number;
  /** Where 'terminal' and 'log' lines and notes go. Default `process.stderr`. */
  write?: (text: string) => void;
}

/** Defaults of {@link createProgressLine}. */
export const progressLineDefaults = { logEverySeconds: 10, notebookEverySeconds: 0.5 };

/** A progress line (see {@link createProgressLine}). */
export interface ProgressLine {
  /** Shows `text` as the current state (drawn now or at the next allowed time); `final` draws it at once. */
  update(text: string, final?: boolean): void;
  /** A line of its own that stays (a failed trial), printed at once. */
  note(text: string): void;
  /** Draws the last state if it was held back, and ends the line. */
  end(): void;
}

interface TslabDisplay {
  text(s: string): void;
}

/** tslab's `newDisplay`, when this process is a tslab kernel (the cells' `require` finds the tslab package). */
function tslabDisplay(): TslabDisplay | null {
  const g = globalThis as { __tslab__?: { require?: (id: string) => unknown } };
  try {
    const tslab = g.__tslab__?.require?.('tslab') as { newDisplay?: () => TslabDisplay } | undefined;
    return tslab?.newDisplay?.() ?? null;
  } catch {
    return null;
  }
}

/** The mode {@link createProgressLine} picks by default. */
export function defaultProgressMode(): ProgressMode {
  if ((globalThis as { __tslab__?: unknown }).__tslab__ !== undefined) return 'notebook';
  return process.stderr.isTTY === true ? 'terminal' : 'log';
}

/**
 * Creates a {@link ProgressLine}: long cells and commands show one line that changes, never hundreds.
 * @example
 * const line = createProgressLine();
 * line.update('3/12 done, ETA 40s');
 * line.end();
 */
export function createProgressLine(options: ProgressLineOptions = {}): ProgressLine {
  const write = options.write ?? ((t: string) => void process.stderr.write(t));
  let mode = options.mode ?? defaultProgressMode();
  const display = mode === 'notebook' ? tslabDisplay() : null;
  if (mode === 'notebook' && display === null) mode = 'log';
  const every =
    1000 *
    (mode === 'log'
      ? (options.logEverySeconds ?? progressLineDefaults.logEverySeconds)
      : mode === 'notebook'
        ? progressLineDefaults.notebookEverySeconds
        : 0);
  let last = -Infinity;
  let held: string | null = null;
  let open = false; // a terminal line without its newline yet

  const draw = (text: string) => {
    last = performance.now();
    held = null;
    if (mode === 'notebook') display?.text(text);
    else if (mode === 'terminal') {
      write(`\r${text}\x1b[K`);
      open = true;
    } else write(`${text}\n`);
  };
  return {
    update(text, final = false) {
      if (final || performance.now() - last >= every) draw(text);
      else held = text;
    },
    note(text) {
      if (open) write('\n');
      open = false;
      write(`${text}\n`);
    },
    end() {
      if (held !== null) draw(held);
      if (open) write('\n');
      open = false;
    },
  };
}
