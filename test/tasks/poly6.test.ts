import '../../src/builtins.js';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { train } from '../../src/train/train.js';

describe('poly6 task', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  test('excess loss is ≥ 0 up to float32 rounding and decreases from the start', async () => {
    const r = await train({ task: 'poly6', method: 'uniform', seed: 1, epochs: 2, backend: 'cpu' });
    const first = r.evals[0].excessLoss!;
    const last = r.final.excessLoss!;
    assert.ok(last > -1e-7, `excess loss ${last} is negative beyond float32 rounding`);
    assert.ok(last < first / 100, `excess loss went ${first} → ${last}`);
  });

  test('IS reaches a lower final excess loss than uniform at the task defaults (mean over seeds 1–3)', async () => {
    // The poly6 task's headline claim. Deterministic on the cpu backend; measured margin ≈ 2× (poly6-sensitivity).
    const mean = async (method: string) => {
      let s = 0;
      for (const seed of [1, 2, 3])
        s += (await train({ task: 'poly6', method, seed, backend: 'cpu' })).final.excessLoss!;
      return s / 3;
    };
    const uniform = await mean('uniform');
    const is = await mean('is');
    assert.ok(is < uniform, `IS ${is.toExponential(3)} ≥ uniform ${uniform.toExponential(3)}`);
  });
});
