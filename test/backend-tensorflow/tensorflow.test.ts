/**
 * The native TensorFlow backend (`@tensorflow/tfjs-node`, installed by `npm run backend:tensorflow`): every
 * registered method trains on it, its records match wasm's, checkpoint/resume is bit-exact on it, the OMIS
 * one-pass rows equal J passes, and the native convolution gradient equals the im2col one. Skipped where the
 * package is absent; with CI=true (where `.ci/run` installs it) an absent backend fails the suite instead.
 */
import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { methodNames } from '../../src/methods/method-spec.js';
import { conv2dKernelFor, conv2dOp } from '../../src/models/conv2d.js';
import { createRng } from '../../src/random/rng.js';
import type { TrainConfig } from '../../src/train/config.js';
import { createTrainer } from '../../src/train/trainer.js';
import { compareResume, resumeConfig } from '../helpers/compare-resume.js';
import { assertOnePassEqualsPasses } from '../helpers/omis-rows.js';
import { assertAllClose } from '../helpers/reference.js';

const problem = await setupBackend('tensorflow').then(
  () => null,
  (e: Error) => e.message,
);
const inCi = process.env.CI === 'true';
const skip =
  problem === null
    ? false
    : inCi
      ? false // CI must run it: every test below then fails, the first one with the reason
      : `needs @tensorflow/tfjs-node (npm run backend:tensorflow): ${problem}`;

/** Methods that need class labels; on the regression task poly6 they must refuse, naming the reason. */
const CLASSIFICATION_ONLY = ['confidence', 'confvar'];

/** Steps per run in the backend comparison: toy2d's 3 epochs (≈ 37 steps) and the same number on poly6. */
const STEPS = 40;

/**
 * Relative bound between the tensorflow and wasm batch losses, step by step. Both run float32 with the same
 * seeded draws; the kernels sum in different orders (oneDNN/Eigen vs XNNPACK), so losses differ by round-off
 * that training carries forward. Measured here over every method, 40 steps, toy2d and poly6: at most 5.7e-7
 * relative (≈ 10 float32 ulps). 1e-5 leaves a 17× margin and still catches any different draw, which changes a
 * batch loss by O(1) relative.
 */
const RTOL_BACKENDS = 1e-5;

function options(task: string, method: string, backend: TrainConfig['backend']) {
  return { ...resumeConfig(method, {}, backend), task, diagnosticsEvery: 0 };
}

async function batchLosses(task: string, method: string, backend: TrainConfig['backend']) {
  const t = await createTrainer(options(task, method, backend));
  const losses: number[] = [];
  try {
    assert.equal(t.backend.name, backend);
    while (!t.done && losses.length < STEPS) losses.push(t.runStep().record.batchLoss);
  } finally {
    t.dispose();
  }
  return losses;
}

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'backend-tensorflow.mjs');

describe('scripts/backend-tensorflow.mjs', () => {
  it('rejects an unknown argument, naming it and the one option', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--gpu'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /unknown argument --gpu; the only option is --force/);
  });
});

describe('native TensorFlow backend (@tensorflow/tfjs-node)', { skip }, () => {
  it('starts (install it with npm run backend:tensorflow)', () => {
    assert.equal(problem, null, `the tensorflow backend did not start: ${problem}`);
    assert.equal(tf.getBackend(), 'tensorflow');
  });

  it('npm run backend:tensorflow a second time finds it working and does nothing', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /is installed and runs \(backend 'tensorflow'\): nothing to do/);
    assert.doesNotMatch(r.stdout, /npm install/, 'a no-op run must not reinstall');
  });

  for (const task of ['toy2d', 'poly6']) {
    for (const method of methodNames()) {
      if (task === 'poly6' && CLASSIFICATION_ONLY.includes(method)) {
        it(`${task}/${method}: refuses a regression task on tensorflow too`, async () => {
          await assert.rejects(batchLosses(task, method, 'tensorflow'), /classification task/);
        });
        continue;
      }
      it(`${task}/${method}: trains on tensorflow; batch losses equal wasm's within ${RTOL_BACKENDS} relative`, async () => {
        const native = await batchLosses(task, method, 'tensorflow');
        const wasm = await batchLosses(task, method, 'wasm');
        assert.ok(native.length >= 30, `${native.length} steps`);
        assert.equal(native.length, wasm.length);
        native.forEach((v, i) => {
          assert.ok(Number.isFinite(v), `step ${i}: loss ${v}`);
          const tol = RTOL_BACKENDS * Math.max(Math.abs(wasm[i]), 1e-12);
          assert.ok(
            Math.abs(v - wasm[i]) <= tol,
            `step ${i}: tensorflow ${v} vs wasm ${wasm[i]} (|Δ| ${Math.abs(v - wasm[i])} > tol ${tol})`,
          );
        });
      });
    }
  }

  // The same check as test/train/trainer-checkpoint.test.ts on cpu: records, final evaluation and weights of a
  // run checkpointed mid-epoch (step 30, main phase) and resumed equal the uninterrupted run's exactly.
  for (const method of methodNames()) {
    it(`${method}: a resumed run equals the uninterrupted run bit for bit on tensorflow`, async () => {
      await compareResume(resumeConfig(method, {}, 'tensorflow'), () => 30);
    });
  }

  for (const task of ['toy2d', 'image-siren']) {
    it(`OMIS on ${task}: rows of b from one traced backward pass equal J = 3 passes`, async () => {
      await assertOnePassEqualsPasses(task, 'tensorflow', 3);
    });
  }

  it("conv2dOp: 'auto' takes the native gradient here, and it equals the im2col gradient", () => {
    assert.equal(conv2dKernelFor(), 'native');
    // LeNet-5's two layers and an even kernel with 'same' (asymmetric) padding: (x shape, w shape, stride, pad).
    // Stride 1 only: the im2col form's strided input gradient uses conv2dTranspose with explicit padding, which
    // tfjs-node does not support (the wasm-only kernel never runs here unless asked for).
    const cases: [
      [number, number, number, number],
      [number, number, number, number],
      number,
      'same' | number,
    ][] = [
      [[4, 12, 12, 1], [5, 5, 1, 6], 1, 2],
      [[4, 10, 10, 6], [5, 5, 6, 16], 1, 0],
      [[2, 7, 6, 2], [4, 3, 2, 3], 1, 'same'],
    ];
    for (const [xs, ws, stride, pad] of cases) {
      const rng = createRng(5);
      const xv = Float32Array.from({ length: xs.reduce((a, b) => a * b) }, () => rng.normal());
      const wv = Float32Array.from({ length: ws.reduce((a, b) => a * b) }, () => rng.normal());
      const grads = (kernel: 'native' | 'im2col') =>
        tf.tidy(() => {
          const x = tf.tensor4d(xv, xs);
          const w = tf.tensor4d(wv, ws);
          const y = conv2dOp(x, w, stride, pad, { kernel });
          const r = createRng(6);
          const R = tf.tensor(
            Float32Array.from({ length: y.size }, () => r.normal()),
            y.shape,
          );
          const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(conv2dOp(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad, { kernel }), R)),
          )([x, w]);
          // With x as data (LeNet's first layer): only the filter gradient, from the same kernels.
          const dwOnly = tf.grad((b: tf.Tensor) =>
            tf.sum(tf.mul(conv2dOp(x, b as tf.Tensor4D, stride, pad, { kernel, inputGradient: false }), R)),
          )(w);
          return [y, dx, dw, dwOnly].map((t) => t.dataSync() as Float32Array);
        });
      const native = grads('native');
      const im2col = grads('im2col');
      // Same float32 products summed in a different order, over up to B·Ho·Wo ≈ 400 terms of size O(1):
      // ~1e-6 of the largest entry. 1e-4 relative plus 1e-5 of the largest |entry| (as in conv2d.test.ts).
      ['y', 'dx', 'dw', 'dw (inputGradient false)'].forEach((name, k) => {
        const scale = native[k].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        assertAllClose(im2col[k], native[k], { rtol: 1e-4, atol: 1e-5 * scale }, `${xs}/${ws}: ${name}`);
      });
    }
  });
});
