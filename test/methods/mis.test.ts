import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import '../../src/builtins.js';
import { createTrainer } from '../../src/train/trainer.js';
import { resolveConfig } from '../../src/train/resolve-config.js';
import { getMethod } from '../../src/methods/method-spec.js';
import { omisOptions } from '../../src/estimators/omis.js';
import { techniqueNodesOptions } from '../../src/mis/node-groups.js';
import { train } from '../../src/train/train.js';

/** Mean final poly6 excess loss over seeds (cpu, task defaults: B = 32, η = 0.02, 10 epochs). */
async function meanExcess(
  method: string,
  seeds: number[],
  methodOptions: Record<string, number> = {},
): Promise<number> {
  let s = 0;
  for (const seed of seeds) {
    s += (await train({ task: 'poly6', method, seed, backend: 'cpu', methodOptions })).final.excessLoss!;
  }
  return s / seeds.length;
}

describe('MIS methods (mis-bh, omis, exact)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('registers the methods with their options and defaults', () => {
    assert.equal(getMethod('omis').sampler, 'mis');
    assert.equal(getMethod('omis').estimator, 'omis');
    assert.equal(getMethod('mis-bh').estimator, 'mis-balance');
    assert.equal(getMethod('exact').sampler, 'full-batch');
    const c = resolveConfig({ task: 'poly6', method: 'omis' });
    assert.deepEqual(c.methodOptions, {
      J: 2,
      alloc: [],
      alpha: 0.1, // the memory options are declared options of omis (so the CLI checks them)
      eps: 1e-3,
      epsMode: 'relative',
      nodes: 'groups',
      beta: 0.7,
      accumulate: 'A',
      rows: 'auto',
    });
    assert.throws(
      () => resolveConfig({ task: 'poly6', method: 'omis', methodOptions: { beta: 1 } }),
      /--beta \(method omis\) must be a number in \[0, 0.999\], got 1/,
    );
    assert.throws(
      () => resolveConfig({ task: 'poly6', method: 'mis-bh', methodOptions: { beta: 0.5 } }),
      /has no option --beta/,
    );
  });

  it('declares accumulate and nodes once: the methods list the declarations the estimators check', () => {
    const omis = getMethod('omis').options!;
    const bh = getMethod('mis-bh').options!;
    assert.equal(omis.accumulate, omisOptions.accumulate);
    assert.equal(omis.nodes, techniqueNodesOptions.nodes);
    assert.equal(bh.nodes, techniqueNodesOptions.nodes);
    assert.equal(resolveConfig({ task: 'poly6', method: 'mis-bh' }).methodOptions.nodes, 'groups');
    assert.throws(
      () => resolveConfig({ task: 'poly6', method: 'omis', methodOptions: { accumulate: 'b' } }),
      /--accumulate \(method omis\) must be one of A, Ab, got "b"/,
    );
    assert.throws(
      () => resolveConfig({ task: 'poly6', method: 'mis-bh', methodOptions: { nodes: 'all' } }),
      /--nodes \(method mis-bh\) must be one of groups, top, got "all"/,
    );
    assert.throws(
      () => resolveConfig({ task: 'poly6', method: 'mis-bh', methodOptions: { accumulate: 'A' } }),
      /has no option --accumulate/,
    );
  });

  it('J larger than the available coefficient groups is an error at the first step', async () => {
    const t = await createTrainer({ task: 'poly6', method: 'omis', backend: 'cpu', methodOptions: { J: 8 } });
    assert.throws(() => t.runStep(), /J = 8 is larger than the available coefficient groups/);
    t.dispose();
  });

  it('a whole OMIS run keeps the tensor count flat and logs its solve diagnostics', async () => {
    const t = await createTrainer({
      task: 'poly6',
      method: 'omis',
      backend: 'cpu',
      epochs: 2,
      methodOptions: { J: 4 },
    });
    const stepsInit = t.sampler.stepsInEpoch(0);
    for (let s = 0; s < stepsInit + 2; s++) t.runStep();
    const n0 = tf.memory().numTensors;
    let last = t.runStep().record;
    while (!t.done) last = t.runStep().record;
    assert.equal(tf.memory().numTensors, n0, 'tensor count changed during the main epoch');
    assert.ok(
      last.diagnostics !== undefined && 'omisSolve' in last.diagnostics && 'misMaxWeight' in last.diagnostics,
    );
    t.dispose();
  });

  it('OMIS on a classifier (toy2d, C = 3, J = 2): node groups, and the health columns are finite every step', async () => {
    const r = await train({
      task: 'toy2d',
      method: 'omis',
      backend: 'cpu',
      epochs: 2,
      methodOptions: { J: 2 },
    });
    assert.equal(r.config.methodOptions.nodes, 'groups');
    assert.equal(r.config.methodOptions.accumulate, 'A');
    const keys = [
      'omisCond',
      'omisWeightMin',
      'omisWeightMax',
      'omisMinMass',
      'omisGradRatio',
      'omisCoefSpread',
    ];
    const main = r.steps.filter((s) => s.epoch >= 1);
    assert.ok(main.length > 0);
    for (const s of main) {
      for (const k of keys) {
        const v = s.diagnostics?.[k];
        assert.ok(v !== undefined && Number.isFinite(v), `step ${s.step}: ${k} = ${v}`);
      }
      assert.ok(s.diagnostics!.omisCond >= 1, `step ${s.step}: cond ${s.diagnostics!.omisCond}`);
    }
  });

  it('exact GD takes as many steps per epoch as SGD-Uni and drives the poly6 excess loss to ~0', async () => {
    const r = await train({ task: 'poly6', method: 'exact', backend: 'cpu', epochs: 2 });
    const u = await train({ task: 'poly6', method: 'uniform-replace', backend: 'cpu', epochs: 2 });
    assert.equal(r.totalSteps, u.totalSteps);
    // 256 full-batch steps at η = 0.02 on orthonormal Legendre features: contraction ≈ (1 − 0.02·λ_min)^256.
    assert.ok(r.final.excessLoss! < 1e-6, `exact GD excess loss ${r.final.excessLoss}, expected < 1e-6`);
  });

  it('OMIS J = 4 beats uniform SGD on poly6 (seeds 1–2, mean final excess loss)', async () => {
    const seeds = [1, 2]; // 1–5 in scripts/omis-sensitivity.ts; 2 here to keep the file well under 20 s
    const omis = await meanExcess('omis', seeds, { J: 4 });
    const sgd = await meanExcess('uniform-replace', seeds);
    // Measured per seed (cpu) OMIS J=4 / SGD-Uni: 9.7e-5 / 2.9e-4, 5.2e-5 / 3.2e-4, 1.3e-4 / 3.2e-4, 7.1e-5 / 1.9e-4,
    // 9.3e-5 / 6.5e-4 (seeds 1–5; SGD ÷ OMIS ≥ 2.5 on every seed). OMIS J=4 does NOT beat IS (5.7e-5 over seeds
    // 1–5) with these defaults; see scripts/omis-sensitivity.ts. Margin: ask for a 2× improvement.
    assert.ok(omis < sgd / 2, `OMIS J=4 ${omis} vs SGD-Uni ${sgd}: expected < ½ of SGD`);
  });
});
