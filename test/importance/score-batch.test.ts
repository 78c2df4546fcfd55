import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { registerImportance } from '../../src/importance/registry.js';
import { scoreBatch } from '../../src/importance/score-batch.js';
import type { ImportanceContext, ImportanceFunction } from '../../src/importance/types.js';
import { train } from '../../src/train/train.js';

/** A user importance function whose result is whatever `make` returns (typed away, as plain JavaScript would). */
const phi = (name: string, make: (ctx: ImportanceContext) => unknown): ImportanceFunction => ({
  name,
  cheap: true,
  score: (ctx) => make(ctx) as tf.Tensor1D,
});

describe('scoreBatch', () => {
  it('passes a (B) tensor through; a plain array, a number or another shape is an error naming the function', async () => {
    await setupBackend('cpu');
    const losses = tf.tensor1d([0.5, 1, 2]);
    const ctx = { losses } as unknown as ImportanceContext;
    try {
      const ok = scoreBatch(
        phi('ok', (c) => c.losses.sqrt()),
        ctx,
      );
      assert.deepEqual(Array.from(ok.dataSync()), Array.from(losses.sqrt().dataSync()));
      assert.throws(
        () =>
          scoreBatch(
            phi('my-phi', () => [1, 2, 3]),
            ctx,
          ),
        /^TypeError: importance function 'my-phi' returned a plain Array of length 3, not a tf\.Tensor1D; return one score per sample as a tensor of shape \[3\], e\.g\. tf\.tensor1d\(scores\)$/,
      );
      assert.throws(
        () =>
          scoreBatch(
            phi('n', () => 1),
            ctx,
          ),
        /importance function 'n' returned number, not a tf\.Tensor1D/,
      );
      assert.throws(
        () =>
          scoreBatch(
            phi('wide', () => tf.ones([3, 2])),
            ctx,
          ),
        /importance function 'wide' returned a tensor of shape \[3, 2\]; it must have shape \[3\]/,
      );
      assert.throws(
        () =>
          scoreBatch(
            phi('short', () => tf.ones([2])),
            ctx,
          ),
        /shape \[2\]; it must have shape \[3\]/,
      );
    } finally {
      losses.dispose();
    }
  });

  it('train() with an importance function returning a plain array fails with that message (not "dataSync is not a function")', async () => {
    registerImportance(
      phi('plain-array', (c) => Array.from(c.losses.dataSync())),
      { override: true },
    );
    await assert.rejects(
      train({ task: 'poly6', method: 'is', importance: 'plain-array', epochs: 1, backend: 'cpu' }),
      /importance function 'plain-array' returned a plain Array of length \d+, not a tf\.Tensor1D/,
    );
  });
});
