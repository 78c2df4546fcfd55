import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The parts of an `.ipynb` (nbformat 4) the executor reads. */
export interface NotebookJson {
  cells: {
    cell_type: string;
    id?: string;
    source: string | string[];
    outputs?: {
      output_type: string;
      name?: string;
      text?: string | string[];
      ename?: string;
      evalue?: string;
      traceback?: string[];
    }[];
  }[];
}

/** The first cell that failed, as CI reports it. */
export interface CellFailure {
  /** Index of the cell in the notebook, counting markdown cells, from 0. */
  index: number;
  /** The cell's id (nbformat ≥ 4.5), or `''`. */
  id: string;
  /** The cell's first non-empty source line. */
  firstLine: string;
  /** What the cell wrote to stderr and any error output (name, value, traceback), ANSI colours removed. */
  message: string;
  /** Code cells after it; tslab aborts every request arriving within 200 ms of an error, so none of them ran. */
  notRun: number;
}

const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*[A-Za-z]', 'g');

function text(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v.join('') : (v ?? '')).replace(ANSI, '');
}

/**
 * The first code cell of an executed notebook that wrote to stderr or holds an error output, or `null` when
 * every code cell is clean. A tslab cell that fails (type error, exception) writes its message to stderr and
 * replies `error`; nbconvert keeps only the outputs, so stderr is the signal.
 *
 * @param nb - the executed notebook (parsed `.ipynb`).
 * @example
 * firstFailure(JSON.parse(readFileSync('build/00-quickstart.ipynb', 'utf8'))); // null when all cells ran clean
 */
export function firstFailure(nb: NotebookJson): CellFailure | null {
  if (nb === null || typeof nb !== 'object' || !Array.isArray(nb.cells)) {
    throw new Error('firstFailure: expected a parsed .ipynb with a cells array');
  }
  const code = nb.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === 'code');
  for (let k = 0; k < code.length; k++) {
    const { c, i } = code[k];
    const parts: string[] = [];
    for (const o of c.outputs ?? []) {
      if (o.output_type === 'stream' && o.name === 'stderr') parts.push(text(o.text));
      if (o.output_type === 'error') {
        parts.push(`${o.ename ?? 'Error'}: ${o.evalue ?? ''}`, text((o.traceback ?? []).join('\n')));
      }
    }
    if (parts.length === 0) continue;
    const firstLine =
      text(c.source)
        .split('\n')
        .find((l) => l.trim() !== '') ?? '';
    return {
      index: i,
      id: c.id ?? '',
      firstLine,
      message: parts.join('\n').trim(),
      notRun: code.length - k - 1,
    };
  }
  return null;
}

/** Options of {@link executeNotebook}. */
export interface ExecuteNotebookOptions {
  /** Folder for the executed copy (and its HTML). Default: `build/` beside the notebook. */
  outputDir?: string;
  /** Jupyter kernel to run. Default `'tslab'`. */
  kernel?: string;
  /**
   * Per-cell timeout in seconds. Default 3600: the longest cell, `05-emais`'s `reproduce` on an empty store, took
   * 26 min on 2 busy cores.
   */
  cellTimeoutSeconds?: number;
  /** Also export the executed notebook to HTML (nbconvert's lab template). Default `true`. */
  html?: boolean;
  /** The `jupyter` command. Default `'jupyter'` (on PATH). */
  jupyter?: string;
  /** Extra environment for Jupyter and the kernel (e.g. `JUPYTER_PATH`, `ISGRAD_QUIET`). Default none. */
  env?: Record<string, string>;
}

/** Defaults of {@link executeNotebook}. */
export const executeNotebookDefaults = {
  kernel: 'tslab',
  cellTimeoutSeconds: 3600,
  html: true,
  jupyter: 'jupyter',
} as const;

/** The result of {@link executeNotebook}. */
export interface NotebookRun {
  /** The notebook run. */
  notebook: string;
  /** The executed copy (`.ipynb`). */
  executed: string;
  /** Its HTML export, or `null` when not asked for or when a cell failed. */
  html: string | null;
  /** The first failing cell, or `null`. */
  failure: CellFailure | null;
  /** Wall-clock seconds of the execution. */
  seconds: number;
}

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) =>
      reject(
        new Error(
          `executeNotebook: cannot start '${cmd}' (${e.message}); install Jupyter's nbconvert ` +
            '(Debian: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel) or pass { jupyter }',
        ),
      ),
    );
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stderr }));
  });
}

/**
 * Executes a notebook headlessly with `jupyter nbconvert --execute` and reports the first failing cell with its
 * real message. tslab hides the message from nbconvert (its error reply is empty; the text is only in the
 * cell's stderr) and aborts requests arriving within 200 ms after an error, so the notebook is executed with
 * `--allow-errors` (the executed copy is then written) and the copy is read: the first code cell with stderr
 * or an error output is the failure; the cells after it did not run.
 *
 * @param path - the `.ipynb` file.
 * @param options - `outputDir = <notebook folder>/build`, `kernel = 'tslab'`, `cellTimeoutSeconds = 3600`,
 *   `html = true`, `jupyter = 'jupyter'`, `env = {}`.
 * @returns where the copy went and the failure, if any. Throws when nbconvert itself fails (kernel died,
 *   timeout, kernel not installed), with nbconvert's last lines.
 * @example
 * const r = await executeNotebook('notebooks/00-quickstart.ipynb');
 * if (r.failure) console.error(formatFailure(r));
 */
export async function executeNotebook(
  path: string,
  options: ExecuteNotebookOptions = {},
): Promise<NotebookRun> {
  const d = executeNotebookDefaults;
  const notebook = resolve(path);
  if (!existsSync(notebook)) throw new Error(`executeNotebook: no notebook at '${path}'`);
  const outputDir = resolve(options.outputDir ?? join(dirname(notebook), 'build'));
  const kernel = options.kernel ?? d.kernel;
  const timeout = options.cellTimeoutSeconds ?? d.cellTimeoutSeconds;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new Error(`executeNotebook: options.cellTimeoutSeconds must be a positive number; got ${timeout}`);
  }
  const jupyter = options.jupyter ?? d.jupyter;
  const env = options.env ?? {};
  mkdirSync(outputDir, { recursive: true });
  const name = basename(notebook, '.ipynb');
  const executed = join(outputDir, `${name}.ipynb`);
  const t0 = performance.now();
  const r = await run(
    jupyter,
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      '--allow-errors',
      `--ExecutePreprocessor.kernel_name=${kernel}`,
      `--ExecutePreprocessor.timeout=${timeout}`,
      '--output-dir',
      outputDir,
      '--output',
      name,
      notebook,
    ],
    env,
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.code !== 0 || !existsSync(executed)) {
    const timedOut = cellTimeoutMessage(r.stderr, path, timeout);
    if (timedOut !== null) throw new Error(timedOut);
    const tail = r.stderr.trim().split('\n').slice(-15).join('\n');
    throw new Error(`executeNotebook: nbconvert failed on ${path} (exit ${r.code}):\n${tail}`);
  }
  const failure = firstFailure(JSON.parse(readFileSync(executed, 'utf8')) as NotebookJson);
  let html: string | null = null;
  if (failure === null && (options.html ?? d.html)) {
    const h = await run(jupyter, ['nbconvert', '--to', 'html', '--output-dir', outputDir, executed], env);
    html = join(outputDir, `${name}.html`);
    if (h.code !== 0 || !existsSync(html)) {
      throw new Error(
        `executeNotebook: HTML export of ${executed} failed (exit ${h.code}):\n${h.stderr.trim()}`,
      );
    }
  }
  return { notebook, executed, html, failure, seconds };
}

/**
 * nbclient's CellTimeoutError (a raw Python stack on nbconvert's stderr) as one clear message naming the
 * notebook, the limit and the cell's first line, and saying what to do; null for any other failure.
 * @example
 * cellTimeoutMessage(stderr, 'notebooks/05-emais.ipynb', 1200);
 * // "executeNotebook: a cell of notebooks/05-emais.ipynb ran longer than 1200 s and was stopped ..."
 */
export function cellTimeoutMessage(stderr: string, path: string, timeoutSeconds: number): string | null {
  if (!/CellTimeoutError|A cell timed out while it was being executed/.test(stderr)) return null;
  // nbclient previews the cell between two dashed lines: its source, or for 11+ lines a Python list of the first 5.
  const preview = /Here is a preview of the cell contents:\s*\n-+\n([\s\S]*?)\n-+/.exec(stderr)?.[1] ?? '';
  const listed = /^\[(['"])(.*?)\1(?:, |\])/.exec(preview.trim());
  const first = listed !== null ? listed[2] : preview.split('\n').find((l) => l.trim() !== '');
  return (
    `executeNotebook: a cell of ${path} ran longer than ${timeoutSeconds} s and was stopped` +
    `${first === undefined ? '' : ` (first line: ${first.trim()})`}. Runs it finished are stored, so executing the ` +
    'notebook again resumes where it stopped; or raise the limit (options.cellTimeoutSeconds; ' +
    'scripts/run-notebooks.ts: ISGRAD_CELL_TIMEOUT=<seconds>).'
  );
}

/**
 * A failure as CI prints it: notebook, cell index and id, first source line, the message, and how many later
 * cells did not run.
 *
 * @param run - a {@link NotebookRun} with a failure.
 * @example
 * formatFailure(r); // "notebooks/x.ipynb: cell 3 (id 'train') failed\n  first line: const runs = [];\n  ..."
 */
export function formatFailure(run: NotebookRun): string {
  const f = run.failure;
  if (f === null) return `${run.notebook}: every cell ran without error (${run.seconds.toFixed(1)} s)`;
  const message = f.message
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return (
    `${run.notebook}: cell ${f.index}${f.id === '' ? '' : ` (id '${f.id}')`} failed\n` +
    `  first line: ${f.firstLine}\n  message:\n${message}\n` +
    `  ${f.notRun} later code cell${f.notRun === 1 ? '' : 's'} did not run (tslab aborts after an error)`
  );
}
