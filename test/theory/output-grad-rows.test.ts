import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import type { Loss } from '../../src/losses/types.js';
import { createRng } from '../../src/random/rng.js';
import { outputGradRows, type OutputGradMethod } from '../../src/theory/output-grad-rows.js';
import { softmaxCe64 } from '../../src/theory/softmax-ce64.js';
import { assertAllClose } from '../helpers/reference.js';

// float32 softmax of O(1) logits: ~1e-7 relative error per entry; 1e-5 leaves margin and catches a wrong formula.
const F32 = { rtol: 0, atol: 1e-5 };

describe('outputGradRows', () => {
  before(async () => {
    await setupBackend('cpu');
  });
  it('closed form and autodiff match the float64 s − e_y; no tensor leaks', () => {
    const rng = createRng(4);
    const z = Array.from({ length: 6 }, () => Array.from({ length: 5 }, () => 2 * rng.normal()));
    const y = Array.from({ length: 6 }, () => rng.int(5));
    const before = tf.memory().numTensors;
    for (const method of ['closed', 'autodiff'] as const) {
      const u = outputGradRows(softmaxCrossEntropy, z, y, method);
      u.forEach((row, b) => assertAllClose(row, softmaxCe64(z[b], y[b]).u, F32, `${method} row ${b}`));
    }
    assert.equal(tf.memory().numTensors, before);
  });
  it('errors: unknown method, a loss without closed form, mismatched labels', () => {
    const noClosed: Loss = { ...softmaxCrossEntropy, name: 'no-closed', outputGrad: undefined };
    assert.throws(
      () => outputGradRows(noClosed, [[0, 1]], [0]),
      /loss 'no-closed' has no closed-form outputGrad/,
    );
    const bad = 'fd' as unknown as OutputGradMethod; // an invalid method name is rejected at run time too
    assert.throws(
      () => outputGradRows(softmaxCrossEntropy, [[0, 1]], [0], bad),
      /method must be 'closed' or 'autodiff'/,
    );
    assert.throws(
      () => outputGradRows(softmaxCrossEntropy, [[0, 1]], [0, 1]),
      /need B ≥ 1 rows and B labels, got 1, 2/,
    );
  });
});
