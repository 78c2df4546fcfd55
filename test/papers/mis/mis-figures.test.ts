import '../../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runComputeJob } from '../../../src/experiments/compute-job.js';
import { misFig2Curves, misFig2Statement } from '../../../src/papers/mis/fig2-spec.js';
import {
  misFig7Curves,
  misFig7Image,
  misFig7Job,
  misFig7Statement,
  type MisFig7Reconstruction,
} from '../../../src/papers/mis/fig7-image.js';
import { runOrLoad } from '../../../src/experiments/run-or-load.js';
import { resolveConfig } from '../../../src/train/resolve-config.js';

// The full module trains ≈ 2.5 min on wasm (quick scale), beyond a test file's budget: scratch run, see report.
describe('[MIS] figure curves', () => {
  it('Fig. 2 holds the six curves of [MIS] Fig. 2 and every one resolves on poly6 (B = 32)', () => {
    assert.deepEqual(
      misFig2Curves.map((c) => c.label),
      ['exact GD', 'SGD', 'IS', 'balance MIS (J=4)', 'OMIS J=2', 'OMIS J=4'],
    );
    for (const c of misFig2Curves) {
      const cfg = resolveConfig({ task: 'poly6', method: c.method, methodOptions: c.methodOptions ?? {} });
      assert.equal(cfg.batchSize, 32);
      if (c.methodOptions?.J !== undefined) assert.equal(cfg.methodOptions.J, c.methodOptions.J);
    }
  });

  it('Fig. 7 compares uniform, IS and OMIS J = 3 on image-siren', () => {
    assert.deepEqual(
      misFig7Curves.map((c) => [c.method, c.methodOptions?.J ?? null]),
      [
        ['uniform', null],
        ['is', null],
        ['omis', 3],
      ],
    );
    const cfg = resolveConfig({ task: 'image-siren', method: 'omis' });
    assert.equal(cfg.methodOptions.J, 3, 'image-siren defaults OMIS to one technique per RGB channel');
  });
});

/** Eval rows: curve c at seed s has excess loss level·(1 + 0.1·s) at every one of 8 evaluations. */
function synthetic(levels: Record<string, number>, y: string): Record<string, unknown>[] {
  return Object.entries(levels).flatMap(([curve, level]) =>
    [1, 2, 3].flatMap((seed) =>
      Array.from({ length: 8 }, (_, k) => ({ curve, seed, step: 8 * k, [y]: level * (1 + 0.1 * seed) })),
    ),
  );
}

describe('misFig2Statement / misFig7Statement', () => {
  it("judge the paper's ordering from paired tail ratios (exact: constant ratios per seed)", () => {
    const rows = synthetic(
      {
        'exact GD': 1e-5,
        SGD: 1e-3,
        IS: 2e-4,
        'balance MIS (J=4)': 2e-4,
        'OMIS J=2': 1e-4,
        'OMIS J=4': 4e-4,
      },
      'excessLoss',
    );
    const s = misFig2Statement(rows);
    assert.match(s, /IS 2\.\d+e-4 \[[^\]]+\], ratio to SGD 0\.200 \[0\.200, 0\.200\] \(n = 3\)/);
    assert.match(s, /Against \[MIS\] Fig\. 2: exact GD lower than SGD: matches;/);
    assert.match(
      s,
      /Against IS \(same seeds\): exact GD ratio 0\.0500 \[0\.0500, 0\.0500\]; OMIS J=2 ratio 0\.500/,
    );
    assert.match(s, /below IS: exact GD matches, OMIS J=2 matches, OMIS J=4 differs\.$/);
  });

  it('leaves out evaluations with excess loss ≤ 0 and says how many', () => {
    const rows = synthetic(
      {
        'exact GD': 1e-5,
        SGD: 1e-3,
        IS: 2e-4,
        'balance MIS (J=4)': 2e-4,
        'OMIS J=2': 1e-4,
        'OMIS J=4': 4e-4,
      },
      'excessLoss',
    );
    rows[0].excessLoss = 0; // exact GD, seed 1, step 0 (not in the tail)
    rows[1].excessLoss = -1e-9;
    const s = misFig2Statement(rows);
    assert.match(s, /exact GD lower than SGD: matches/);
    assert.match(s, /\(2 evaluations with excess loss ≤ 0 or missing left out\.\)$/);
  });

  it('Fig. 7 compares IS and OMIS with uniform', () => {
    const s = misFig7Statement(synthetic({ uniform: 1e-3, IS: 5e-4, 'OMIS J=3': 2e-3 }, 'trainLoss'));
    assert.match(s, /IS lower than uniform: matches; OMIS J=3 lower than uniform: differs\.$/);
  });
});

describe('[MIS] Fig. 7 reconstructions as compute jobs', () => {
  it('one job per curve at the first seed, each with its own settings', () => {
    const jobs = misFig7Image.plan({ scale: 'quick', seeds: [4, 5], epochs: 0 }).computations ?? [];
    assert.equal(jobs.length, misFig7Curves.length);
    assert.ok(jobs.every((j) => j.folder === 'mis-fig7-reconstruction' && j.fn === 'misFig7Reconstruction'));
    assert.ok(jobs.every((j) => (j.settings as { seed: number }).seed === 4));
    assert.equal(new Set(jobs.map((j) => JSON.stringify(j.settings))).size, jobs.length);
  });

  it("reconstructs the loss run's model: mean per-pixel error = that run's final full-image MSE; stored once", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-mis7-'));
    try {
      const uniform = misFig7Curves[0];
      const job = misFig7Job({ scale: 'quick' }, 2, uniform);
      const a = await runComputeJob<MisFig7Reconstruction>(dir, job);
      assert.equal(a.cached, false);
      const n = a.value.width * a.value.height;
      assert.equal(a.value.rgb.length, 3 * n);
      assert.equal(a.value.reference.length, 3 * n);
      assert.equal(a.value.error.length, n);
      const mse = a.value.error.reduce((x, y) => x + y, 0) / n;
      // The curve's training run (evaluations do not change training): its last evaluation's trainLoss is the MSE
      // over all pixels and channels of the same final model; float32 sums on both sides, hence 1e-4 relative.
      const run = await runOrLoad(
        { task: 'image-siren', method: uniform.method, seed: 2, scale: 'quick', evalEvery: 32 },
        dir,
      );
      const evals = run.evals.objects() as { trainLoss: number }[];
      const last = evals[evals.length - 1].trainLoss;
      assert.ok(Math.abs(mse - last) <= 1e-4 * last, `reconstruction MSE ${mse} vs run's final ${last}`);
      const b = await runComputeJob<MisFig7Reconstruction>(dir, job);
      assert.equal(b.cached, true);
      assert.deepEqual(b.value, a.value);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
