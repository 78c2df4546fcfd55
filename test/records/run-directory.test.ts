import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrow, fromCSV } from 'arquero';
import { createRng } from '../../src/random/rng.js';
import {
  checkOutputFolder,
  checkRunDirectory,
  cleanRunLeftovers,
  makeDirectory,
  processAlive,
  runFiles,
  writeRunDirectory,
} from '../../src/records/run-directory.js';
import { writeFileAtomic } from '../../src/records/write-run-records.js';

const LOOP = join(import.meta.dirname, '..', 'helpers', 'write-runs-loop.ts');

/** The id of a process that has exited (so leftovers carrying it are stale). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  assert.ok(r.pid !== undefined && !processAlive(r.pid));
  return r.pid;
}

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'isgrad-rundir-'));
}

/** Writes a complete fake run whose files all say `id`. */
function fakeRunFiles(dir: string, id: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of runFiles) writeFileSync(join(dir, f), id);
}

/** The single run id a run directory holds; fails on a mix of runs or an incomplete directory. */
function runIdOf(dir: string): number {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { config: { seed: number } };
  const id = summary.config.seed;
  const seedsIn = (name: string): unknown[] => {
    const bytes = readFileSync(join(dir, name));
    const t = name.endsWith('.csv') ? fromCSV(bytes.toString('utf8')) : fromArrow(bytes);
    return [...new Set(Array.from(t.array('seed') as ArrayLike<unknown>))];
  };
  for (const f of ['steps.csv', 'steps.arrow', 'evals.csv', 'evals.arrow']) {
    assert.deepEqual(
      seedsIn(f),
      [id],
      `${dir}/${f} holds runs ${seedsIn(f).join(', ')}, summary.json run ${id}`,
    );
  }
  return id;
}

/**
 * Entries under `dir` (any depth) that are leftovers of an interrupted write. While a writer is alive a folder can
 * be renamed away in the middle of the recursive scan (ENOENT): the scan is then simply repeated.
 */
function leftovers(dir: string): string[] {
  for (;;) {
    try {
      return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) =>
        /\.(tmp|old)-\d+[^/]*$/.test(n),
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dir)) throw e;
    }
  }
}

describe('checkRunDirectory / checkOutputFolder: bad outputs fail before any work', () => {
  test("'' , a file, a file's child, the root, a folder with other files: errors naming the option", () => {
    const root = tempRoot();
    try {
      writeFileSync(join(root, 'a-file'), 'x');
      mkdirSync(join(root, 'mine'));
      writeFileSync(join(root, 'mine', 'notes.txt'), 'keep me');
      assert.throws(() => checkRunDirectory('', '--out'), /--out: the path is empty/);
      assert.throws(
        () => checkRunDirectory(join(root, 'a-file'), '--out'),
        /--out '.*a-file' is a file, not a folder/,
      );
      assert.throws(
        () => checkRunDirectory(join(root, 'a-file', 'sub'), '--out'),
        /a-file is a file, not a folder/,
      );
      assert.throws(() => checkRunDirectory('/', '--out'), /filesystem root/);
      assert.throws(
        () => checkRunDirectory(join(root, 'mine'), '--out'),
        /holding other files.*new or empty folder/,
      );
      assert.equal(readFileSync(join(root, 'mine', 'notes.txt'), 'utf8'), 'keep me');
      assert.throws(() => checkOutputFolder('', '--figures'), /--figures: the path is empty/);
      assert.throws(() => checkOutputFolder(join(root, 'a-file'), '--figures'), /is a file, not a folder/);
      // Fine: absent (parents created), empty folder, an earlier run's folder.
      const deep = join(root, 'x', 'y', 'run');
      assert.equal(checkRunDirectory(deep), deep);
      assert.ok(existsSync(join(root, 'x', 'y')) && !existsSync(deep));
      fakeRunFiles(join(root, 'earlier'), 'old');
      checkRunDirectory(join(root, 'earlier'));
      assert.deepEqual(leftovers(join(root, 'x', 'y')), [], 'the write probe is removed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('/proc paths fail at once instead of spinning in recursive mkdir', () => {
    // In a child with a timeout: Node's mkdirSync('/proc/x', { recursive: true }) never returns.
    const code = `
      import { checkRunDirectory, checkOutputFolder, makeDirectory } from './src/records/run-directory.ts';
      for (const f of [() => checkRunDirectory('/proc/x/run', '--out'), () => checkRunDirectory('/proc/x', '--out'),
                       () => checkOutputFolder('/proc/x', '--results'), () => makeDirectory('/proc/x/y')]) {
        try { f(); console.log('no error'); } catch (e) { console.log(e.message); }
      }`;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 20_000,
      cwd: join(import.meta.dirname, '..', '..'),
    });
    assert.equal(
      r.status,
      0,
      `exit ${r.status} signal ${r.signal} after ${performance.now() - t0} ms: ${r.stderr}`,
    );
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4, r.stdout);
    assert.match(lines[0], /--out '\/proc\/x\/run': cannot create folder \/proc\/x \(ENOENT/);
    assert.match(lines[1], /--out '\/proc\/x': cannot write in \/proc \(ENOENT/);
    assert.match(lines[2], /--results '\/proc\/x': cannot create folder \/proc\/x/);
    assert.match(lines[3], /folder '\/proc\/x\/y': cannot create folder \/proc\/x/);
  });
});

describe('writeRunDirectory: a run directory is one unit', () => {
  test('replaces an earlier run whole; without the commit file nothing changes and the temporary is removed', () => {
    const root = tempRoot();
    try {
      const dir = join(root, 'run');
      fakeRunFiles(dir, 'first');
      writeRunDirectory(dir, (tmp) => {
        writeFileSync(join(tmp, 'steps.csv'), 'second');
        writeFileSync(join(tmp, 'summary.json'), 'second');
      });
      assert.deepEqual(
        readdirSync(dir).sort(),
        ['steps.csv', 'summary.json'],
        'no file of the first run is left',
      );
      assert.throws(
        () => writeRunDirectory(dir, (tmp) => writeFileSync(join(tmp, 'steps.csv'), 'third')),
        /summary\.json was not written/,
      );
      assert.equal(readFileSync(join(dir, 'steps.csv'), 'utf8'), 'second');
      assert.throws(
        () =>
          writeRunDirectory(dir, () => {
            throw new Error('boom');
          }),
        /boom/,
      );
      assert.deepEqual(leftovers(root), []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('each crash window leaves one complete run, and the next write cleans the leftovers', () => {
    const root = tempRoot();
    try {
      const dead = deadPid();
      // Killed while writing (or before the final rename): a partial temporary beside the earlier run.
      fakeRunFiles(join(root, 'a'), 'a-old');
      mkdirSync(join(root, `a.tmp-${dead}-x1`));
      writeFileSync(join(root, `a.tmp-${dead}-x1`, 'steps.csv'), 'a-new');
      // Killed between moving the earlier run away and moving the new one in: no 'b', both runs beside it.
      fakeRunFiles(join(root, `b.old-${dead}-x2`), 'b-old');
      fakeRunFiles(join(root, `b.tmp-${dead}-x3`), 'b-new');
      // Killed after the new run is in place, before the earlier one was deleted.
      fakeRunFiles(join(root, 'c'), 'c-new');
      fakeRunFiles(join(root, `c.old-${dead}-x4`), 'c-old');
      // Kept: a live writer's temporary, and a folder of the same name pattern holding someone else's files.
      fakeRunFiles(join(root, `d.tmp-${process.pid}-x5`), 'd-live');
      mkdirSync(join(root, `e.tmp-${dead}-x6`));
      writeFileSync(join(root, `e.tmp-${dead}-x6`, 'notes.txt'), 'not ours');

      const cleaned = cleanRunLeftovers(root).sort();
      assert.deepEqual(cleaned, [
        `a.tmp-${dead}-x1`,
        `b.old-${dead}-x2`,
        `b.tmp-${dead}-x3`,
        `c.old-${dead}-x4`,
      ]);
      assert.equal(readFileSync(join(root, 'a', 'steps.csv'), 'utf8'), 'a-old');
      for (const f of runFiles) assert.equal(readFileSync(join(root, 'b', f), 'utf8'), 'b-old', `b/${f}`);
      assert.equal(readFileSync(join(root, 'c', 'summary.json'), 'utf8'), 'c-new');
      assert.deepEqual(leftovers(root).sort(), [`d.tmp-${process.pid}-x5`, `e.tmp-${dead}-x6`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('kill -9 at random moments: never a mix of two runs; the next run cleans the temporaries', async () => {
    const root = tempRoot();
    const dir = join(root, 'run');
    const rng = createRng(20261126);
    const seen: string[] = [];
    let stale: string[] = []; // leftovers of the last killed writer
    try {
      for (let k = 0; k < 8; k++) {
        const child = spawn(process.execPath, ['--import', 'tsx', LOOP, dir], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        // Wait for the child's first committed run. Then even k: kill 0–120 ms later (≈ 0–2 writes, anywhere);
        // odd k: kill 0–7 ms after a temporary folder appears (aims at the write and rename windows).
        await new Promise<void>((resolveCommitted, reject) => {
          child.stdout.once('data', () => resolveCommitted());
          child.once('exit', (c) => reject(new Error(`writer exited (${c}) before committing: ${stderr}`)));
        });
        // This writer's first write cleaned what the killed one left (a restored '.old' is back under its name).
        for (const n of stale) assert.ok(!existsSync(join(root, n)), `${n} was not cleaned by the next run`);
        if (k % 2 === 1) {
          const t0 = performance.now();
          while (leftovers(root).length === 0 && performance.now() - t0 < 3000) {
            await new Promise((r) => setImmediate(r));
          }
        }
        await new Promise((r) => setTimeout(r, k % 2 === 1 ? rng.int(8) : rng.int(120)));
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
        stale = leftovers(root);
        seen.push(...stale);
        // Whatever moment the kill hit, 'run' is absent or exactly one complete run.
        if (existsSync(dir)) runIdOf(dir);
      }
      cleanRunLeftovers(root); // what the next write does first
      assert.deepEqual(leftovers(root), [], 'stale temporaries are removed');
      assert.ok(runIdOf(dir) >= 1);
      // Kills landed while a temporary existed (otherwise the test would not test the protocol).
      assert.ok(seen.length > 0, 'no kill left a temporary; the test did not exercise the crash windows');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('makeDirectory / writeFileAtomic', () => {
  test('makeDirectory creates missing parents; writeFileAtomic removes temporaries of dead writers', () => {
    const root = tempRoot();
    try {
      const deep = join(root, 'p', 'q', 'r');
      assert.equal(makeDirectory(deep), deep);
      assert.equal(makeDirectory(deep), deep, 'an existing folder is fine');
      const dead = deadPid();
      writeFileSync(join(root, `g.json.tmp-${dead}`), 'half'); // the old naming, without the random part
      writeFileSync(join(root, `g.json.tmp-${dead}-ab12`), 'half');
      writeFileSync(join(root, `h.json.tmp-${dead}-ab12`), 'another file: not ours to clean here');
      writeFileAtomic(join(root, 'g.json'), '{}');
      assert.deepEqual(readdirSync(root).sort(), ['g.json', `h.json.tmp-${dead}-ab12`, 'p']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
