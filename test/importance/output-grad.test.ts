import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { outputGradAutodiffImportance } from '../../src/importance/output-grad-autodiff.js';
import { outputGrad, outputGradImportance } from '../../src/importance/output-grad.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import type { Loss } from '../../src/losses/types.js';
import { createMlp } from '../../src/models/mlp.js';
import { createRng } from '../../src/random/rng.js';
import { makeContext, rows } from '../helpers/importance-context.js';
import { assertAllClose, norm, softmax64 } from '../helpers/reference.js';

// Scores from float32 outputs of O(1): softmax and norms carry ~1e-7 relative error; 1e-5 leaves margin and
// still catches a wrong formula (e.g. a missing 2/C is a factor ≥ 2).
const TOL = { rtol: 1e-5, atol: 1e-6 };
const [B, D, C] = [6, 4, 3];

function problem(seed: number, loss: Loss) {
  const model = createMlp({ inputSize: D, hidden: [5], outputSize: C, activation: 'tanh' }, createRng(seed));
  const rng = createRng(seed + 1);
  const xv = Float32Array.from({ length: B * D }, () => rng.normal());
  const yv = loss.classification
    ? Int32Array.from({ length: B }, () => rng.int(C))
    : Float32Array.from({ length: B * C }, () => rng.normal());
  const y = loss.classification ? tf.tensor1d(yv, 'int32') : tf.tensor2d(yv, [B, C]);
  const { ctx, dispose } = makeContext(model, loss, tf.tensor2d(xv, [B, D]), y);
  return {
    ctx,
    yv,
    done: () => {
      dispose();
      model.dispose();
    },
  };
}

/** float64 ‖s − e_y‖ per row from the float32 logits. */
function softmaxCeNorms(logits: ArrayLike<number>, yv: ArrayLike<number>): number[] {
  return rows(logits, C).map((z, b) => norm(Array.from(softmax64(z), (s, c) => s - (c === yv[b] ? 1 : 0))));
}

function checkSoftmaxCe(seed: number): void {
  const { ctx, yv, done } = problem(seed, softmaxCrossEntropy);
  const n0 = tf.memory().numTensors;
  const closed = outputGradImportance.score(ctx);
  const auto = outputGradAutodiffImportance.score(ctx);
  const ref = softmaxCeNorms(ctx.output.dataSync(), yv);
  assertAllClose(closed.dataSync(), ref, TOL, "'output-grad' vs float64 ‖s − e_y‖");
  assertAllClose(auto.dataSync(), ref, TOL, "'output-grad-autodiff' vs float64 ‖s − e_y‖");
  tf.dispose([closed, auto]);
  assert.equal(tf.memory().numTensors, n0, 'scoring leaked');
  done();
}

describe("importance 'output-grad' (cpu)", () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is cheap and named', () => {
    assert.equal(outputGradImportance.name, 'output-grad');
    assert.equal(outputGradImportance.cheap, true);
  });

  it("softmax-CE: φ = ‖s − e_y‖ (float64) = 'output-grad-autodiff', no leak", () => {
    checkSoftmaxCe(1);
  });

  it('MSE: φ = (2/C)‖m − y‖ (float64)', () => {
    const { ctx, yv, done } = problem(3, meanSquaredError);
    const scores = outputGradImportance.score(ctx);
    const m = rows(ctx.output.dataSync(), C);
    const ref = rows(yv, C).map((y, b) => (2 / C) * norm(Array.from(y, (v, c) => m[b][c] - v)));
    assertAllClose(scores.dataSync(), ref, TOL, 'MSE φ');
    scores.dispose();
    done();
  });

  it('uses the closed form when the loss has one, autodiff otherwise', () => {
    // A loss whose "closed form" is deliberately wrong (zeros) proves which path outputGrad takes.
    const fakeClosed: Loss = {
      ...meanSquaredError,
      outputGrad: (m: tf.Tensor2D) => tf.zerosLike(m),
    };
    const noClosed: Loss = {
      name: 'mse-no-closed-form',
      classification: false,
      perSample: meanSquaredError.perSample,
    };
    const { ctx, yv, done } = problem(4, meanSquaredError);
    tf.tidy(() => {
      assert.ok(
        outputGrad(fakeClosed, ctx.output, ctx.y)
          .dataSync()
          .every((v) => v === 0),
        'closed form not used',
      );
      const scores = outputGradImportance.score({ ...ctx, loss: noClosed }).dataSync();
      const m = rows(ctx.output.dataSync(), C);
      const ref = rows(yv, C).map((y, b) => (2 / C) * norm(Array.from(y, (v, c) => m[b][c] - v)));
      assertAllClose(scores, ref, TOL, 'autodiff fallback φ');
    });
    done();
  });
});

describe("importance 'output-grad' (wasm)", () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it("softmax-CE on wasm: φ = ‖s − e_y‖ (float64) = 'output-grad-autodiff', no leak", () => {
    checkSoftmaxCe(5);
  });
});
