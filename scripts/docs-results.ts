/**
 * Writes docs/results.md from a results store and the gallery the main job wrote: every figure with the caption
 * its part computed (seeds, tail-averaged metrics, intervals, the verdict against the paper), and an inventory of
 * the runs in the store. No number in it is typed by hand; the header names the commit, the machine and the
 * backends that produced it.
 * Usage (after `npm start`, i.e. on a warm store):
 *   node --import tsx scripts/docs-results.ts [--results results] [--figures figures] [--out docs/results.md]
 *     [--figures-link PATH]   (how docs/results.md links the figures; default: the path from --out to --figures)
 * An empty store (no run summary.json under --results and no gallery.json under --figures) is an error that says
 * how to fill it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A gallery entry as the main job writes it to `<figures>/gallery.json`. */
export interface GalleryEntry {
  title: string;
  file: string;
  caption: string;
  records?: string[];
}

/** What docs/results.md needs from one run's summary.json. */
export interface RunSummary {
  /** Folder of the run, relative to the results root. */
  dir: string;
  task: string;
  method: string;
  seed: number;
  backend: string;
  totalSteps: number;
  wallSeconds: number;
}

/** Everything the document is made from. */
export interface ResultsInput {
  gallery: GalleryEntry[];
  runs: RunSummary[];
  /** Commit of the working tree that ran the script, e.g. 'abc1234' or 'abc1234 (with uncommitted changes)'. */
  commit: string;
  /** One line on the machine, e.g. '2 × Intel Xeon, 8 GiB, linux 6.1, node v20.19.0'. */
  machine: string;
  /** Where the figures were read, relative to docs/ (for links), e.g. '../figures'. */
  figuresLink: string;
}

/**
 * Reads the run summaries under `results` (every folder holding a summary.json; a run's folder is not searched
 * further) and the gallery manifest `<figures>/gallery.json`.
 * @throws when neither holds anything, naming both folders and the command that fills them; when a summary.json
 *   or gallery.json is not what the kit writes, naming the file.
 */
export function readStore(results: string, figures: string): { runs: RunSummary[]; gallery: GalleryEntry[] } {
  const runs: RunSummary[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    const summary = join(dir, 'summary.json');
    if (existsSync(summary)) {
      runs.push(parseSummary(summary, relative(results, dir)));
      return;
    }
    for (const e of readdirSync(dir).sort()) walk(join(dir, e));
  };
  walk(results);
  const manifest = join(figures, 'gallery.json');
  let gallery: GalleryEntry[] = [];
  if (existsSync(manifest)) {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as unknown;
    if (
      !Array.isArray(parsed) ||
      parsed.some((e) => typeof e?.file !== 'string' || typeof e?.title !== 'string')
    )
      throw new Error(`${manifest}: not a gallery manifest (an array of { title, file, caption })`);
    gallery = parsed as GalleryEntry[];
  }
  if (runs.length === 0 && gallery.length === 0)
    throw new Error(
      `the results store is empty: no run summary.json under ${results}/ and no ${manifest}. ` +
        'Run the main job first (npm start, or isgrad reproduce --results DIR --figures DIR), then this script.',
    );
  return { runs, gallery };
}

function parseSummary(file: string, dir: string): RunSummary {
  const s = JSON.parse(readFileSync(file, 'utf8')) as {
    config?: { task?: unknown; method?: unknown; seed?: unknown };
    backend?: { name?: unknown };
    totalSteps?: unknown;
    wallSeconds?: unknown;
  };
  const c = s.config ?? {};
  if (typeof c.task !== 'string' || typeof c.method !== 'string' || typeof c.seed !== 'number')
    throw new Error(
      `${file}: not a run summary of the kit (config.task, config.method, config.seed missing)`,
    );
  return {
    dir,
    task: c.task,
    method: c.method,
    seed: c.seed,
    backend: typeof s.backend?.name === 'string' ? s.backend.name : 'unknown',
    totalSteps: typeof s.totalSteps === 'number' ? s.totalSteps : 0,
    wallSeconds: typeof s.wallSeconds === 'number' ? s.wallSeconds : 0,
  };
}

/** Markdown-safe cell text. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Counts of `xs` as 'a × 3, b × 1' (most frequent first, then by name). */
function counts(xs: readonly string[]): string {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ');
}

/** Sorted distinct seeds as '1, 2, 3' (ranges of three or more as '1–5'). */
function seedList(seeds: readonly number[]): string {
  const s = [...new Set(seeds)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j - i >= 2 ? `${s[i]}–${s[j]}` : s.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * The text of docs/results.md.
 * @example
 * resultsMarkdown({ gallery: [], runs: [], commit: 'abc1234', machine: 'test', figuresLink: '../figures' });
 */
export function resultsMarkdown(input: ResultsInput): string {
  const { gallery, runs } = input;
  const lines = [
    '<!-- Generated by scripts/docs-results.ts from the results store and the gallery; do not edit by hand. -->',
    '',
    '# Results',
    '',
    `Generated at commit ${input.commit} on ${input.machine} (the folder name of each run carries the key of the code that trained it). Backends of the runs: ${
      runs.length === 0 ? 'none in the store' : counts(runs.map((r) => r.backend))
    }. ${runs.length} runs in the store, ${gallery.length} figures in the gallery.`,
    '',
    'Every number below was computed by the kit: the captions are the ones the main job wrote under each figure',
    '(`npm start`; the same text appears in the gallery and the notebooks), and the run table counts the run',
    'records in the store. To regenerate after a run: `node --import tsx scripts/docs-results.ts`.',
    '',
    '## Figures',
    '',
  ];
  if (gallery.length === 0)
    lines.push('The gallery is empty (no gallery.json): only runs are listed below.', '');
  // Entries that share a caption (views of one figure, e.g. several epochs) are listed together, caption once.
  for (let i = 0; i < gallery.length;) {
    let j = i;
    while (
      j + 1 < gallery.length &&
      gallery[j + 1].caption === gallery[i].caption &&
      gallery[i].caption !== ''
    )
      j++;
    for (const e of gallery.slice(i, j + 1))
      lines.push(`### ${e.title}`, '', `[${e.file}](${input.figuresLink}/${e.file})`, '');
    const e = gallery[i];
    if (e.caption !== '') lines.push(e.caption, '');
    const records = new Set(gallery.slice(i, j + 1).flatMap((g) => g.records ?? []));
    if (records.size > 0) lines.push(`From ${records.size} run records.`, '');
    i = j + 1;
  }
  lines.push('## Runs in the store', '');
  if (runs.length === 0) lines.push('No run records (no summary.json) were found.', '');
  else {
    lines.push(
      '| task | method | runs | seeds | steps | training minutes |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    const groups = new Map<string, RunSummary[]>();
    for (const r of runs) {
      const k = `${r.task}\u0000${r.method}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const [k, rs] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      const [task, method] = k.split('\u0000');
      const steps = rs.reduce((a, r) => a + r.totalSteps, 0);
      const minutes = rs.reduce((a, r) => a + r.wallSeconds, 0) / 60;
      lines.push(
        `| ${cell(task)} | ${cell(method)} | ${rs.length} | ${seedList(rs.map((r) => r.seed))} | ${steps} | ${minutes.toFixed(1)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The commit of `cwd` ('unknown (not a git checkout)' outside git), marked when the tree has changes. */
export function currentCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd,
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** One line on this machine: CPUs, memory, OS and Node. */
export function machineLine(): string {
  const c = cpus();
  const model = c.length > 0 ? c[0].model.replace(/\s+/g, ' ').trim() : 'unknown CPU';
  return `${c.length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (flag: string, dflt: string) => {
    const i = process.argv.indexOf(flag);
    return i < 0 ? dflt : (process.argv[i + 1] ?? dflt);
  };
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const results = arg('--results', join(root, 'results'));
  const figures = arg('--figures', join(root, 'figures'));
  const out = arg('--out', join(root, 'docs', 'results.md'));
  try {
    const store = readStore(results, figures);
    const text = resultsMarkdown({
      ...store,
      commit: currentCommit(root),
      machine: machineLine(),
      figuresLink: arg('--figures-link', relative(join(out, '..'), figures).split('\\').join('/') || '.'),
    });
    writeFileSync(out, text);
    console.error(`wrote ${out}: ${store.gallery.length} figures, ${store.runs.length} runs`);
  } catch (e) {
    console.error(`docs-results: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
