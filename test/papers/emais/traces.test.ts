import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import { emaisTraceDefaults, emaisTraces, emaisTraceScale } from '../../../src/papers/emais/traces.js';

const plan = (set: Record<string, unknown>) =>
  emaisTraces.plan(resolveFigureSettings(emaisTraces, {}, set).settings as never);

describe('emais/traces settings and plan', () => {
  it('EMAIS Figs. 3–5 checkpoints follow the paper (5000 and 25000 of 25000 iterations); full scale uses B = 128', () => {
    for (const s of [emaisTraceDefaults.quick, emaisTraceDefaults.full])
      assert.deepEqual(s.checkpoints, [0.2, 1]);
    assert.equal(emaisTraceDefaults.full.batchSize, 128);
    assert.equal(emaisTraceDefaults.full.population, 500); // [EMAIS] Fig. 3: 500 random training points
  });

  it("at the default settings: one stored measurement per seed, at the scale's defaults (the keys of the part before)", () => {
    for (const scale of ['quick', 'full'] as const) {
      const jobs = plan({ scale, seeds: [1, 2, 3] }).computations ?? [];
      assert.deepEqual(
        jobs.map((j) => j.settings),
        [1, 2, 3].map((seed) => ({ task: 'fmnist-lenet', scale, seed, ...emaisTraceDefaults[scale] })),
      );
      assert.deepEqual(jobs[0].args, [1, emaisTraceDefaults[scale], scale]);
    }
    assert.deepEqual(plan({}).runs, []);
  });

  it('a changed setting replaces only its own field of the measurement (batch → batchSize)', () => {
    const [job] = plan({ seeds: [2], epochs: 1, checkpoints: [1], batch: 16 }).computations ?? [];
    const q = emaisTraceDefaults.quick;
    assert.deepEqual(job.settings, {
      task: 'fmnist-lenet',
      scale: 'quick',
      seed: 2,
      epochs: 1,
      checkpoints: [1],
      population: q.population,
      minibatches: q.minibatches,
      batchSize: 16,
    });
  });

  it("0 stands for the scale's value of epochs, minibatches and batch; a negative value is an error naming the setting", () => {
    const full = emaisTraceDefaults.full;
    const [job] = plan({ scale: 'full', seeds: [1] }).computations ?? [];
    assert.deepEqual(job.args[1], full); // epochs 54, minibatches 40, batch 128 from 0, 0, 0
    assert.throws(() => plan({ minibatches: -1 }), /setting minibatches must be an integer ≥ 0/);
  });

  it('rejects checkpoints outside [0, 1], no checkpoint, and B = 1', () => {
    const at = {
      scale: 'quick' as const,
      epochs: 0,
      checkpoints: [0.2, 1],
      population: 500,
      minibatches: 0,
      batch: 0,
    };
    assert.throws(
      () => emaisTraceScale({ ...at, checkpoints: [0.5, 2] }),
      /fractions in \[0, 1\], got \[0\.5, 2\]/,
    );
    assert.throws(() => emaisTraceScale({ ...at, checkpoints: [] }), /non-empty list/);
    assert.throws(() => emaisTraceScale({ ...at, batch: 1 }), /at least 2, got 1/);
    assert.equal(emaisTraceScale({ ...at, batch: 2 }).batchSize, 2);
  });

  it('needs Fashion-MNIST', () => {
    assert.deepEqual(
      (emaisTraces.requires ?? []).map((r) => r.enable),
      ['sudo apt-get install dataset-fashion-mnist'],
    );
  });
});
