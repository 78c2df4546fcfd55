import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runComputeJob, type ComputeJob } from '../../src/experiments/compute-job.js';
import { resolveFigureSettings } from '../../src/experiments/figure-spec.js';
import { REPRODUCE_PARTS } from '../../src/experiments/reproduce.js';
import { figureSpec } from '../../src/papers/figures.js';
import { createTrialPool } from '../../src/sweep/trial-pool.js';

const FIXTURE = pathToFileURL(join(import.meta.dirname, 'fixtures', 'sum-of-squares.ts')).href;
const job = (n: number, fn = 'sumOfSquares'): ComputeJob => ({
  folder: 'squares',
  settings: { n },
  module: FIXTURE,
  fn,
  args: [n],
  label: `squares ${n}`,
});

describe('runComputeJob', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-compute-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a job computed on a worker is the value the part then loads (same file, same value)', async () => {
    const pool = createTrialPool({ root, workers: 2 });
    const [a, b, twice] = await pool.compute([job(10), job(3), job(10)]);
    const [missing] = await pool.compute([job(4, 'noSuchFunction')]);
    await pool.close();
    assert.deepEqual([a.status, b.status, twice.status], ['computed', 'computed', 'computed']);
    assert.equal(twice, a, 'the same folder and settings run once');
    assert.equal(missing.status, 'failed');
    assert.match(missing.error ?? '', /has no exported function 'noSuchFunction'/);
    const local = await runComputeJob<{ n: number; sum: number; pid: number }>(root, job(10));
    assert.equal(local.cached, true);
    assert.equal(local.path, a.path);
    assert.equal(local.value.sum, 385); // 1 + 4 + 9 + … + 100
    assert.notEqual(local.value.pid, process.pid, 'computed in a worker process');
  });

  test('the parts that measure in-process have one job per seed, each naming an exported function', async () => {
    for (const name of ['pmf-distance', 'emais-traces', 'asis-fig1']) {
      const part = REPRODUCE_PARTS.find((p) => p.name === name);
      // A part of figure specs measures what its specs' plans hold (at the default settings: seeds 1, 2, 3).
      const jobs = [
        ...(part?.computations?.({ scale: 'quick', seeds: [1, 2, 3] }) ?? []),
        ...(part?.figures ?? []).flatMap((id) => {
          const spec = figureSpec(id);
          return spec.plan(resolveFigureSettings(spec, {}, {}).settings).computations ?? [];
        }),
      ];
      assert.equal(jobs.length, 3, name);
      assert.equal(
        new Set(jobs.map((j) => JSON.stringify(j.settings))).size,
        3,
        `${name}: distinct settings`,
      );
      for (const j of jobs) {
        const m = (await import(j.module)) as Record<string, unknown>;
        assert.equal(typeof m[j.fn], 'function', `${name}: ${j.fn} is exported by ${j.module}`);
        assert.deepEqual(JSON.parse(JSON.stringify(j.args)), j.args, `${name}: arguments survive JSON`);
      }
    }
  });
});
