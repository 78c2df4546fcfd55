import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createSiren, sirenDefaults } from '../../src/models/siren.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';

// float32 forward vs a float64 reference: sin(30·z) amplifies the float32 error of z ≈ 1e-7 by 30.
const F32 = { rtol: 1e-4, atol: 1e-5 };

describe('createSiren', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('pins its defaults', () => assert.deepEqual(sirenDefaults, { hidden: [64, 64, 64], omega0: 30 }));

  it('initialises within the Sitzmann et al. bounds', () => {
    const m = createSiren({ inputSize: 2, outputSize: 3, hidden: [50, 40] }, createRng(1));
    const bounds = [
      1 / 2,
      1 / 2,
      Math.sqrt(6 / 50) / 30,
      Math.sqrt(6 / 50) / 30,
      Math.sqrt(6 / 40) / 30,
      Math.sqrt(6 / 40) / 30,
    ];
    m.params.forEach((p, k) => {
      const v = p.dataSync();
      const max = Math.max(...Array.from(v, Math.abs));
      assert.ok(max <= bounds[k], `param ${k}: max |v| = ${max} > bound ${bounds[k]}`);
      assert.ok(max > 0.8 * bounds[k], `param ${k}: max |v| = ${max} does not fill U(±${bounds[k]})`);
    });
    m.dispose();
  });

  it('forward equals a float64 sine network; no leak', () => {
    const m = createSiren({ inputSize: 2, outputSize: 3, hidden: [5, 4] }, createRng(2));
    const P = m.params.map((p) => Float64Array.from(p.dataSync()));
    const widths = [2, 5, 4, 3];
    const x = [0.3, -0.7, -0.1, 0.9];
    const n0 = tf.memory().numTensors;
    const { output, hidden } = m.apply(tf.tensor2d(x, [2, 2]));
    const ref: number[] = [];
    for (let s = 0; s < 2; s++) {
      let a = [x[s * 2], x[s * 2 + 1]];
      for (let k = 0; k < 3; k++) {
        const z = Array.from({ length: widths[k + 1] }, (_, o) =>
          a.reduce((acc, v, i) => acc + v * P[2 * k][i * widths[k + 1] + o], P[2 * k + 1][o]),
        );
        a = k < 2 ? z.map((v) => Math.sin(30 * v)) : z; // sin(ω0 (a W + b)) hidden, linear output
      }
      ref.push(...a);
    }
    assertAllClose(output.dataSync(), ref, F32, 'output');
    assert.deepEqual(hidden.shape, [2, 4]);
    tf.dispose([output, hidden]);
    assert.equal(tf.memory().numTensors, n0 + 1, 'only the input tensor remains'); // the tensor2d input
    m.dispose();
  });

  it('rejects bad options', () => {
    assert.throws(
      () => createSiren({ inputSize: 0, outputSize: 3 }, createRng(1)),
      /inputSize must be a positive integer, got 0/,
    );
    assert.throws(
      () => createSiren({ inputSize: 2, outputSize: 3, omega0: 0 }, createRng(1)),
      /omega0 must be a positive number, got 0/,
    );
    assert.throws(
      () => createSiren({ inputSize: 2, outputSize: 3, hidden: [] }, createRng(1)),
      /hidden must be a non-empty array/,
    );
  });
});
