import '../../../src/builtins.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../../src/backend/setup-backend.js';
import { computeOrLoad } from '../../../src/experiments/compute-or-load.js';
import {
  importanceDistanceDefaults,
  importanceDistanceRows,
  importanceDistances,
  importanceDistanceSummary,
  memoryAlphaRows,
  memoryAlphaSummary,
  asisPmfDistance,
  importanceDistanceScale,
  type ImportanceDistanceRow,
} from '../../../src/papers/asis/pmf-distance.js';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';

/** Synthetic rows, 3 seeds, epochs 0..2: distances chosen so that the verdicts are known by construction. */
function rows(dlisBelowOursAt: number[]): ImportanceDistanceRow[] {
  const out: ImportanceDistanceRow[] = [];
  for (const seed of [1, 2, 3]) {
    for (const epoch of [0, 1, 2]) {
      const e = 0.001 * seed; // seed noise, same for every pmf
      const base: Record<string, number> = {
        'output-grad': 0.02 + e,
        loss: epoch === 1 ? 0.01 + e : 0.05 + e, // at epoch 1 the loss pmf is closer than ours
        uniform: 0.1 + e,
        'dlis-last-layer': dlisBelowOursAt.includes(epoch) ? 0.01 + e : 0.03 + e,
      };
      for (const [pmf, l2] of Object.entries(base)) {
        out.push({ run: 'uniform', seed, epoch, pmf, l2, spearman: pmf === 'uniform' ? null : 0.9 });
      }
      out.push({ run: 'is', seed, epoch, pmf: 'is-memory', l2: 0.07, spearman: 0.7 });
      out.push({ run: 'is', seed, epoch, pmf: 'loss', l2: 0.5, spearman: 0.5 }); // not plotted
    }
  }
  return out;
}

describe('importanceDistanceSummary', () => {
  it('lists the epochs where ours beats loss and uniform, and where the DLIS bound is closer still', () => {
    const s = importanceDistanceSummary(rows([2]), 'l2');
    assert.equal(s.last, 2);
    assert.deepEqual(s.epochs, [1, 2]);
    assert.deepEqual(s.oursBeatsLossAndUniform, [2]);
    assert.deepEqual(s.dlisCloser, [2]);
    // at epoch 2: output-grad values 0.021, 0.022, 0.023 → mean 0.022, half 4.303·0.001/√3 = 0.00248
    assert.match(s.text, /output-gradient norm \(ours, \[AS-IS\] Eq\. 5\) 0\.0220 ± 0\.00248 \(n = 3\)/);
    assert.match(s.text, /IS memory q \(α = 0\.1\), IS run 0\.0700 ± 0\.00 \(n = 3\)/);
    assert.ok(!/0\.500/.test(s.text), 'the IS run loss pmf is not plotted');
  });
  it('summarises Spearman ρ for the text, leaving out the uniform pmf (no ρ)', () => {
    const s = importanceDistanceSummary(rows([]), 'spearman');
    assert.deepEqual(s.dlisCloser, []);
    assert.ok(!/uniform \d/.test(s.text));
    assert.throws(() => importanceDistanceSummary([], 'l2'), /no rows/);
  });
});

/** Synthetic α rows, 3 seeds, epochs 0 and 2: memory L2 = base(α) + seed noise, known by construction. */
function alphaRows(): ImportanceDistanceRow[] {
  const out: ImportanceDistanceRow[] = [];
  const base: Record<number, number> = { 0: 0.05, 0.1: 0.04, 0.5: 0.03, 0.9: 0.06 };
  for (const seed of [1, 2, 3]) {
    for (const epoch of [0, 2]) {
      const e = 0.001 * seed;
      for (const [a, l2] of Object.entries(base)) {
        const alpha = Number(a);
        const run = alpha === 0.1 ? 'is' : 'is-alpha';
        out.push({ run, alpha, seed, epoch, pmf: 'is-memory', l2: l2 + e, spearman: 0.5 });
        out.push({ run, alpha, seed, epoch, pmf: 'output-grad', l2: 0.02 + e + alpha, spearman: 0.9 });
      }
      out.push({ run: 'uniform', seed, epoch, pmf: 'output-grad', l2: 0.5, spearman: 0.9 }); // not an α curve
    }
  }
  return out;
}

describe('memoryAlphaRows / memoryAlphaSummary', () => {
  it("one curve per α from the memory pmfs, plus the α = 0.1 run's fresh ‖u‖; nothing else", () => {
    const r = memoryAlphaRows(alphaRows());
    const curves = [...new Set(r.map((x) => x.curve))];
    assert.deepEqual(curves, ['α = 0', 'α = 0.1', 'fresh ‖u‖', 'α = 0.5', 'α = 0.9']);
    assert.equal(r.length, 5 * 3 * 2);
    const fresh = r.filter((x) => x.curve === 'fresh ‖u‖');
    assert.ok(
      fresh.every(
        (x) => x.run === 'is' && Math.abs((x.l2 as number) - 0.12 - 0.001 * (x.seed as number)) < 1e-12,
      ),
    );
  });
  it('summarises the last epoch per α (mean ± 95% t) and names the closest α', () => {
    const s = memoryAlphaSummary(alphaRows());
    assert.equal(s.last, 2);
    assert.deepEqual(s.alphas, [0, 0.1, 0.5, 0.9]);
    assert.equal(s.best, 0.5);
    assert.equal(s.mainAlpha, 0.1, "the 'is' run's α");
    // α = 0.5: 0.031, 0.032, 0.033 → 0.0320 ± 4.303·0.001/√3 = 0.00248
    assert.match(s.text, /α = 0\.5: 0\.0320 ± 0\.00248 \(n = 3\)/);
    assert.match(s.text, /fresh ‖u‖: 0\.122 ± 0\.00248 \(n = 3\)$/);
    assert.throws(() => memoryAlphaSummary(rows([])), /no memory-pmf rows with an alpha/);
  });
});

describe('importanceDistances', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-pmf-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("reads each seed's rows from the store the part writes (same key), in seed order, summing the CPU seconds", async () => {
    const s = importanceDistanceDefaults.quick;
    for (const seed of [2, 1]) {
      const stored = rows([])
        .filter((r) => r.seed === 1)
        .map((r) => ({ ...r, seed }));
      await computeOrLoad(root, 'importance-distance', { task: 'mnist-mlp', seed, ...s }, async () => ({
        rows: stored,
        cpuSeconds: seed * 10,
      }));
    }
    const lines: string[] = [];
    const r = await importanceDistances({
      scale: 'quick',
      seeds: [1, 2],
      results: root,
      log: (l) => lines.push(l),
    });
    assert.equal(r.cpuSeconds, 30);
    assert.deepEqual([...new Set(r.rows.map((x) => x.seed))], [1, 2]);
    assert.equal(r.rows.length, 2 * rows([]).filter((x) => x.seed === 1).length);
    assert.ok(
      lines.every((l) => l.startsWith('loaded importance distances seed')),
      lines.join('\n'),
    );
  });
});

describe('importanceDistanceRows (tiny scale, trains mnist-mlp)', () => {
  it('adds one memory-IS run per extra α: its memory and fresh ‖u‖ pmfs; the first (uniform) epoch ignores α', async () => {
    await setupBackend('cpu');
    const r = await importanceDistanceRows(1, { epochs: 1, checkpoints: [1], subset: 40, alphas: [0] });
    const alphaRun = r.filter((x) => x.run === 'is-alpha');
    assert.deepEqual(
      alphaRun.map((x) => [x.alpha, x.pmf]),
      [
        [0, 'output-grad'],
        [0, 'uniform'],
        [0, 'is-memory'],
      ],
    );
    const main = r.filter((x) => x.run === 'is');
    assert.ok(main.length > 0 && main.every((x) => x.alpha === 0.1), 'the main IS run carries its default α');
    assert.ok(r.filter((x) => x.run === 'uniform').every((x) => x.alpha === undefined));
    // After the initialisation epoch (plain SGD, q_i ← φ(i), [AS-IS] Alg. 3) both IS runs have the same network and
    // memory, whatever α: the same numbers.
    for (const pmf of ['output-grad', 'is-memory']) {
      const a = alphaRun.find((x) => x.pmf === pmf);
      const b = main.find((x) => x.pmf === pmf);
      assert.ok(a !== undefined && b !== undefined);
      assert.ok(Math.abs(a.l2 - b.l2) < 1e-12, `${pmf}: ${a.l2} vs ${b.l2}`);
    }
  });
});

describe('asis/pmf-distance settings and plan', () => {
  const plan = (set: Record<string, unknown>) =>
    asisPmfDistance.plan(resolveFigureSettings(asisPmfDistance, {}, set).settings as never);

  it('the full scale uses all 8000 samples and 50 epochs ([AS-IS] §5.1); checkpoints start at 0 and end by the last epoch', () => {
    assert.equal(importanceDistanceDefaults.full.subset, 8000);
    assert.equal(importanceDistanceDefaults.full.epochs, 50);
    for (const s of Object.values(importanceDistanceDefaults)) {
      assert.ok(s.checkpoints.every((e) => e <= s.epochs) && s.checkpoints[0] === 0);
    }
  });

  it("at the default settings: one stored measurement per seed, at the scale's defaults (the keys of the part before)", () => {
    for (const scale of ['quick', 'full'] as const) {
      const jobs = plan({ scale, seeds: [1, 2, 3] }).computations ?? [];
      assert.deepEqual(
        jobs.map((j) => j.settings),
        [1, 2, 3].map((seed) => ({ task: 'mnist-mlp', seed, ...importanceDistanceDefaults[scale] })),
      );
    }
    assert.deepEqual(plan({}).runs, []);
  });

  it('a changed setting replaces only its own field of the measurement; the others stay the scale default', () => {
    const [job] = plan({ seeds: [4], epochs: 2, alphas: [0.3] }).computations ?? [];
    const q = importanceDistanceDefaults.quick;
    assert.deepEqual(job.settings, {
      task: 'mnist-mlp',
      seed: 4,
      epochs: 2,
      checkpoints: q.checkpoints,
      subset: q.subset,
      alphas: [0.3],
    });
    assert.deepEqual(job.args, [
      4,
      { epochs: 2, checkpoints: q.checkpoints, subset: q.subset, alphas: [0.3] },
    ]);
  });

  it('rejects a memory weight outside [0, 1), a checkpoint that is not an epoch, and no checkpoint within the run', () => {
    const at = {
      scale: 'quick' as const,
      epochs: 0,
      checkpoints: [] as number[],
      subset: 0,
      alphas: [] as number[],
    };
    assert.throws(
      () => importanceDistanceScale({ ...at, alphas: [0.5, 1] }),
      /alphas must lie in \[0, 1\), got 1/,
    );
    assert.throws(() => importanceDistanceScale({ ...at, checkpoints: [0.5] }), /integers ≥ 0\), got 0\.5/);
    assert.throws(
      () => importanceDistanceScale({ ...at, epochs: 1, checkpoints: [2, 4] }),
      /no checkpoint within the 1 epochs/,
    );
  });
});
