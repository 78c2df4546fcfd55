import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Files a run directory may hold (`writeRunRecords`). An existing folder holding anything else is never replaced,
 * and a leftover temporary folder is only deleted when it holds nothing else.
 */
export const runFiles: readonly string[] = Object.freeze([
  'steps.csv',
  'steps.arrow',
  'evals.csv',
  'evals.arrow',
  'summary.json',
]);

/** The file written last into a run directory: a run directory without it is incomplete. */
export const runCommitFile = 'summary.json';

/** `<name>.tmp-<pid>-<random>` (being written) or `<name>.old-<pid>-<random>` (replaced, being deleted). */
const LEFTOVER = /^(.+)\.(tmp|old)-(\d+)(?:-([A-Za-z0-9]+))?$/;

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** stat, or null when the path (or one of its parents) does not exist. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return null;
    throw e;
  }
}

/**
 * True when a process with this id exists (EPERM: it exists but belongs to another user); the writer of a
 * leftover temporary is dead when false. A reused id keeps a leftover until that process ends too.
 * @example
 * processAlive(process.pid); // true
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

/**
 * Creates folder `path` and its missing parents, one level at a time from the first existing ancestor, so a
 * path that cannot exist fails at once with a message (Node's `mkdirSync(p, { recursive: true })` spins forever
 * at 100% CPU on e.g. `/proc/x`, where `mkdir` answers ENOENT under an existing parent).
 * @param path the folder; '' is an error.
 * @param what how the user named it in messages, e.g. '--results'. Default 'folder'.
 * @returns the absolute path.
 * @example
 * makeDirectory('results/poly6', '--results'); // '/home/me/kit/results/poly6'
 */
export function makeDirectory(path: string, what = 'folder'): string {
  if (typeof path !== 'string' || path === '') {
    throw new Error(`${what}: the path is empty; give a folder path`);
  }
  return makeDirs(resolve(path), what, path);
}

/** {@link makeDirectory} of absolute `abs`, with messages naming the user's `path`. */
function makeDirs(abs: string, what: string, path: string): string {
  const missing: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    const s = statOrNull(p);
    if (s !== null) {
      if (!s.isDirectory()) {
        throw new Error(`${what} '${path}'${p === resolve(path) ? '' : `: ${p}`} is a file, not a folder`);
      }
      break;
    }
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if (errnoCode(e) === 'EEXIST' && statOrNull(m)?.isDirectory()) continue; // made by a concurrent run
      throw new Error(`${what} '${path}': cannot create folder ${m} (${(e as Error).message})`);
    }
  }
  return abs;
}

/** Throws unless a folder can be created in `dir` (a real write, since root passes every `access` check). */
function probeWritable(dir: string, prefix: string, what: string, path: string): void {
  let probe: string;
  try {
    probe = mkdtempSync(join(dir, `${prefix}.tmp-${process.pid}-`));
  } catch (e) {
    throw new Error(`${what} '${path}': cannot write in ${dir} (${(e as Error).message})`);
  }
  rmdirSync(probe);
}

/**
 * Creates folder `path` if needed and checks that files can be written in it; for output folders such as
 * `--results` and `--figures`, before any work starts.
 * @param path the folder; '' is an error.
 * @param what how the user named it in messages. Default 'folder'.
 * @returns the absolute path.
 * @example
 * checkOutputFolder('figures', '--figures');
 */
export function checkOutputFolder(path: string, what = 'folder'): string {
  const abs = makeDirectory(path, what);
  probeWritable(abs, '.probe', what, path);
  return abs;
}

/** True when `dir` is a folder holding only files of {@link runFiles} (or nothing). */
function holdsOnlyRunFiles(dir: string): boolean {
  return readdirSync(dir).every((f) => runFiles.includes(f));
}

/**
 * Checks, before training, that a run directory can be written at `path`: not empty, not a file, not the
 * filesystem root, either absent or a folder holding only an earlier run's records (it will be replaced as a
 * whole), its parent creatable and writable. Creates the parent and cleans stale leftovers there
 * ({@link cleanRunLeftovers}).
 * @param path the run directory (`--out`).
 * @param what how the user named it in messages. Default 'out'.
 * @returns the absolute path.
 * @example
 * checkRunDirectory('results/poly6-is', '--out');
 */
export function checkRunDirectory(path: string, what = 'out'): string {
  if (typeof path !== 'string' || path === '') {
    throw new Error(`${what}: the path is empty; give the folder for the run's records`);
  }
  const abs = resolve(path);
  if (dirname(abs) === abs)
    throw new Error(`${what} '${path}' is the filesystem root; give a folder below it`);
  const parent = makeDirs(dirname(abs), what, path);
  cleanRunLeftovers(parent);
  const s = statOrNull(abs);
  if (s !== null) {
    if (!s.isDirectory()) throw new Error(`${what} '${path}' is a file, not a folder`);
    if (!holdsOnlyRunFiles(abs)) {
      throw new Error(
        `${what} '${path}' is a folder holding other files than a run's records (${runFiles.join(', ')}); ` +
          'a run replaces its folder as a whole, so give a new or empty folder',
      );
    }
  }
  probeWritable(parent, basename(abs), what, path);
  return abs;
}

/**
 * Removes what killed runs left in folder `parent`, for leftovers whose process is gone (a live writer's are kept):
 * a `<name>.old-<pid>-<r>` folder is renamed back to `<name>` when `<name>` is missing (the run was killed between
 * moving the old records away and moving the new ones in: the old, complete records stay), else deleted; a
 * `<name>.tmp-<pid>-<r>` folder (a run killed while writing, or before its final rename) is deleted. Folders
 * holding files other than {@link runFiles} are left alone. Runs before each run directory is written.
 * @param parent the folder holding run directories.
 * @returns the names removed or restored.
 * @example
 * cleanRunLeftovers('results/poly6'); // ['is-s1-0123456789ab.tmp-4242-x1Y2z3']
 */
export function cleanRunLeftovers(parent: string): string[] {
  const done: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return done;
  }
  // 'old' first, so a restored folder is in place before anything else looks at its name.
  const leftovers = names
    .map((n) => ({ n, m: LEFTOVER.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null && !processAlive(Number(x.m[3])))
    .sort((a, b) => (a.m[2] === b.m[2] ? a.n.localeCompare(b.n) : a.m[2] === 'old' ? -1 : 1));
  for (const { n, m } of leftovers) {
    const path = join(parent, n);
    const s = lstatSync(path, { throwIfNoEntry: false });
    if (s === undefined || !s.isDirectory() || !holdsOnlyRunFiles(path)) continue;
    const target = join(parent, m[1]);
    if (m[2] === 'old' && !existsSync(target) && existsSync(join(path, runCommitFile))) {
      renameSync(path, target);
    } else {
      rmSync(path, { recursive: true, force: true });
    }
    done.push(n);
  }
  return done;
}

/**
 * Writes a run directory as one unit: `write` fills a fresh temporary sibling `<dir>.tmp-<pid>-<r>` and must
 * write {@link runCommitFile} last; the folder is then renamed to `dir`. An existing `dir` (an earlier run) is
 * renamed to `<dir>.old-<pid>-<r>` just before and deleted just after. A process killed at any moment leaves
 * `dir` holding one complete run (the old or the new one) or no run, never a mix; its leftovers are cleaned by
 * the next write into the same parent ({@link cleanRunLeftovers}). Protects against killed processes, not
 * against power loss (no fsync).
 * @param dir the run directory; checked first with {@link checkRunDirectory}.
 * @param write fills the temporary folder it is given.
 * @returns `dir`.
 * @example
 * writeRunDirectory('results/x', (tmp) => writeFileSync(join(tmp, 'summary.json'), '{}'));
 */
export function writeRunDirectory(dir: string, write: (tmp: string) => void): string {
  const abs = checkRunDirectory(dir);
  const tmp = mkdtempSync(`${abs}.tmp-${process.pid}-`);
  try {
    write(tmp);
    if (!existsSync(join(tmp, runCommitFile))) {
      throw new Error(`writeRunDirectory: ${runCommitFile} was not written in ${tmp}; nothing committed`);
    }
    commit(tmp, abs);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return dir;
}

/** Renames the complete temporary folder `tmp` to `abs`, moving an existing `abs` away first. */
function commit(tmp: string, abs: string): void {
  // A concurrent writer of the same run can create `abs` between our steps: retry a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (statOrNull(abs) === null) {
      try {
        renameSync(tmp, abs);
        return;
      } catch (e) {
        if (errnoCode(e) !== 'ENOTEMPTY' && errnoCode(e) !== 'EEXIST') throw e;
        continue;
      }
    }
    if (!holdsOnlyRunFiles(abs))
      throw new Error(`${abs} now holds other files than a run's records; not replaced`);
    const old = `${abs}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(abs, old);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') continue; // moved away by a concurrent writer
      throw e;
    }
    // Killed here: `abs` is missing; the next cleanRunLeftovers renames `old` back (the old run stays).
    try {
      renameSync(tmp, abs);
    } catch (e) {
      if (statOrNull(abs) === null) renameSync(old, abs);
      else rmSync(old, { recursive: true, force: true });
      if (errnoCode(e) === 'ENOTEMPTY' || errnoCode(e) === 'EEXIST') continue;
      throw e;
    }
    // Killed here: `old` is left beside the new run; the next cleanRunLeftovers deletes it.
    rmSync(old, { recursive: true, force: true });
    return;
  }
  throw new Error(`writeRunDirectory: ${abs} kept changing under concurrent writers; not committed`);
}
