import { createRequire } from 'node:module';

/**
 * A Jupyter MIME bundle: MIME type → content. Text types hold strings, JSON types (`application/json`,
 * `application/vnd.plotly.v1+json`) hold objects, binary types (`image/png`) hold base64 strings.
 */
export type MimeBundle = Record<string, string | object>;

/** Content of one Jupyter `display_data` message. */
export interface DisplayMessage {
  /** The MIME bundle; the front end shows the richest type it can render. */
  data: MimeBundle;
  /** Per-MIME metadata (e.g. `{ 'image/png': { width: 320 } }`). Default `{}`. */
  metadata: Record<string, unknown>;
  /** Not saved in the notebook; `display_id` lets a later message update this output. */
  transient: { display_id?: string };
}

/** Where {@link display} sends its messages. */
export type DisplaySink = (message: DisplayMessage) => void;

let sink: DisplaySink | null = null;

/**
 * Replaces the destination of every display helper (`show`, `table`, `image`, `display`): pass a function to
 * capture the messages (tests, another kernel), or `null` to go back to the tslab kernel.
 *
 * @param next - the new sink, or `null` (default destination: the running tslab kernel).
 * @returns the previous sink (`null` when none was set).
 * @example
 * const seen: DisplayMessage[] = [];
 * setDisplaySink((m) => seen.push(m));
 * table([{ a: 1 }]); // seen[0].data['text/html'] holds the table
 */
export function setDisplaySink(next: DisplaySink | null): DisplaySink | null {
  if (next !== null && typeof next !== 'function') {
    throw new Error(`setDisplaySink: sink must be a function or null; got ${typeof next}`);
  }
  const previous = sink;
  sink = next;
  return previous;
}

type TslabWriter = (message: DisplayMessage, update?: boolean) => void;

/**
 * The display writer of the tslab kernel running this process, if any. tslab's own `display.raw` sends one MIME
 * type per output; its iopub writer (`lastWriteDisplayData` in `tslab/dist/jupyter.js`, set for the cell being
 * executed) takes a whole bundle. The kit is not resolved through tslab's `require('tslab')` hook (that hook only
 * covers notebook code), so the writer is found in Node's module cache, which every CommonJS module shares.
 */
function tslabWriter(): TslabWriter | null {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as TslabWriter;
  }
  return null;
}

/**
 * Sends one output with several MIME types to the notebook (one `display_data` message). Front ends pick the
 * richest type they render: JupyterLab with the plotly extension and VS Code the plotly JSON, JupyterLab
 * without it, classic Notebook and nbconvert's HTML export the `text/html`, a terminal the `text/plain`.
 *
 * @param data - the MIME bundle; must hold `text/plain` so every front end shows something.
 * @param metadata - per-MIME metadata. Default `{}`.
 * @throws when neither a sink ({@link setDisplaySink}) nor a tslab kernel is there.
 * @example
 * display({ 'text/html': '<b>IS</b>', 'text/plain': 'IS' });
 */
export function display(data: MimeBundle, metadata: Record<string, unknown> = {}): void {
  if (data === null || typeof data !== 'object' || typeof data['text/plain'] !== 'string') {
    throw new Error("display: data must be a MIME bundle with a 'text/plain' string entry");
  }
  const message: DisplayMessage = { data, metadata, transient: {} };
  if (sink !== null) {
    sink(message);
    return;
  }
  const writer = tslabWriter();
  if (writer === null) {
    throw new Error(
      'display: no notebook to display in: isgrad/notebook renders through the tslab kernel (see notebooks/README.md); ' +
        'outside a notebook use figureBundle/tableBundle/imageBundle to get the MIME bundle, or setDisplaySink(fn)',
    );
  }
  writer(message);
}
