import '../../src/builtins.js';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createRng } from '../../src/random/rng.js';
import { noiseLabelsDefaults, noiseLabelsTask } from '../../src/tasks/noise-labels.js';
import { getTask } from '../../src/tasks/registry.js';

describe('noise-labels control task', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is registered, with unit-norm inputs and labels independent of the inputs', async () => {
    assert.equal(getTask('noise-labels'), noiseLabelsTask);
    const t = await noiseLabelsTask.create({ dataSeed: 0, scale: 'quick' });
    const { dim, classes } = noiseLabelsDefaults;
    assert.equal(t.train.n, 4000);
    for (let i = 0; i < 50; i++) {
      let r2 = 0;
      for (let k = 0; k < dim; k++) r2 += t.train.x[i * dim + k] ** 2;
      assert.ok(Math.abs(r2 - 1) < 1e-5, `‖x_${i}‖² = ${r2} (float32, tol 1e-5)`);
    }
    // class frequencies ≈ 1/3 each (4000 draws: 5 SE ≈ 0.037)
    const counts = new Array(classes).fill(0);
    for (const y of t.train.y) counts[y]++;
    for (const c of counts) assert.ok(Math.abs(c / 4000 - 1 / 3) < 0.037, `class frequency ${c / 4000}`);
    t.createModel(createRng(1)).dispose();
  });
});
