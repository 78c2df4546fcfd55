import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromCSV } from 'arquero';
import { createRng } from '../../src/random/rng.js';
import { stripTiming } from '../helpers/strip-timing.js';

// Runs the built CLI (npm test builds dist/ first) and kills it with SIGKILL (kill -9) at seeded random steps.
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

// toy2d, IS, B = 16: N = 800 ⇒ 50 steps per epoch, 8 epochs = 400 steps (~5 ms each on the cpu backend);
// evaluations (and progress lines) every 5 steps, a checkpoint every 7 steps.
const TOTAL = 400;
const ARGS = [
  'train',
  ...['--task', 'toy2d', '--method', 'is', '--epochs', '8', '--batch', '16', '--seed', '4'],
  ...['--backend', 'cpu', '--eval-every', '5', '--checkpoint-every', '7'],
];

/** The records of a run directory without timing columns. */
function records(dir: string) {
  const read = (f: string) =>
    fromCSV(readFileSync(join(dir, f), 'utf8'))
      .objects()
      .map((o) => stripTiming(o as Record<string, unknown>));
  return { steps: read('steps.csv'), evals: read('evals.csv') };
}

/** One launch of the CLI; SIGKILL as soon as a progress line reports a step ≥ `killAt`. */
function launch(out: string, killAt: number) {
  return new Promise<{ code: number | null; signal: string | null; stderr: string; killedAt: number }>(
    (done, fail) => {
      const child = spawn(process.execPath, [CLI, ...ARGS, '--out', out], {
        env: { ...process.env, ISGRAD_QUIET: '0' },
      });
      let stderr = '';
      let killedAt = -1;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        for (const m of chunk.matchAll(/step (\d+)\/\d+/g)) {
          if (killedAt < 0 && Number(m[1]) >= killAt) {
            killedAt = Number(m[1]);
            child.kill('SIGKILL');
          }
        }
      });
      child.stdout.resume();
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', fail);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        done({ code, signal, stderr, killedAt });
      });
    },
  );
}

describe('isgrad train survives kill -9', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-kill-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('killed at seeded random steps and restarted until done: records equal the uninterrupted run', async () => {
    const reference = join(root, 'reference');
    const r = spawnSync(process.execPath, [CLI, ...ARGS, '--out', reference], {
      encoding: 'utf8',
      env: { ...process.env, ISGRAD_QUIET: '1' },
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);

    const rng = createRng(20261126); // the kill moments: three steps drawn in [10, 370), increasing
    const kills = [0, 1, 2].map(() => 10 + rng.int(360)).sort((a, b) => a - b);
    const out = join(root, 'killed');
    const resumes: number[] = [];
    let previous = 0;
    for (const killAt of [...kills, Infinity]) {
      const run = await launch(out, killAt);
      const m = /resuming from step (\d+) of (\d+)/.exec(run.stderr);
      if (m !== null) {
        resumes.push(Number(m[1]));
        assert.equal(Number(m[2]), TOTAL);
        assert.ok(
          Number(m[1]) >= previous,
          `resumed at ${m[1]}, before the previous resume point ${previous}`,
        );
        previous = Number(m[1]);
      }
      if (killAt === Infinity) {
        assert.equal(run.code, 0, run.stderr);
      } else if (run.killedAt >= 0) {
        assert.equal(
          run.signal,
          'SIGKILL',
          `launch killed at step ${run.killedAt}: ${run.stderr.slice(-300)}`,
        );
      }
    }
    // Every launch after a kill resumed from a checkpoint (some step > 0), not from step 0.
    assert.equal(resumes.length, kills.length, `resume points ${resumes} for kills at ${kills}`);
    assert.ok(resumes.every((s) => s > 0 && s < TOTAL));

    const got = records(out);
    const want = records(reference);
    assert.equal(got.steps.length, TOTAL);
    assert.deepEqual(got.steps, want.steps);
    assert.deepEqual(got.evals, want.evals);
    assert.deepEqual(
      readdirSync(root).sort(),
      ['killed', 'reference'],
      'the checkpoint and its temporaries are gone once the run directory is committed',
    );
  });
});
