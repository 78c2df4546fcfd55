import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import type { Dataset } from '../../src/data/dataset.js';

import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createRng } from '../../src/random/rng.js';
import {
  summarizeTraceChecks,
  traceCheck,
  traceCheckDefaults,
  traceEstimate,
  type TraceCheck,
  type TraceEstimate,
} from '../../src/emais/trace-check.js';

/** A small 3-class problem: N = 48 Gaussian points in 2-d, a linear softmax model. */
function setup() {
  const rng = createRng(9);
  const N = 48;
  const d = 2;
  const C = 3;
  const y = Int32Array.from({ length: N }, (_, i) => i % C);
  const x = Float32Array.from({ length: N * d }, (_, j) => rng.normal() + (j % d === 0 ? y[j >> 1] : 0));
  const data: Dataset = { name: 'tiny', n: N, xShape: [d], x, yShape: [], y, numClasses: C };
  const model = createLinearModel({ inputSize: d, outputSize: C, init: 'glorot-uniform' }, rng);
  return { data, model };
}

const est = (v: number): TraceEstimate => ({ trIS: v, trU: v, trOpt: v, ems: v, efficiency: v });
const check = (full: number, exact: number, logit: number): TraceCheck => ({
  exact: est(exact),
  full: est(full),
  logit: est(logit),
  normCorrelation: 1,
});

describe('traceCheck', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('defaults', () => {
    assert.deepEqual({ ...traceCheckDefaults }, { batchSize: 64, repeats: 8, noise: 0.5, maxDup: 2 });
  });

  it('full-gradient estimates average to the exact traces up to the plug-in bias (many repeats, seeded)', () => {
    const { data, model } = setup();
    const before = tf.memory().numTensors;
    const w0 = model.params.map((p) => Array.from(p.dataSync()));
    const c = traceCheck(model, softmaxCrossEntropy, data, { batchSize: 8, repeats: 300 }, createRng(1));
    // The estimates are METHODS §5.4's plug-in ones: K = ‖(1/B) Σ λ_b g_b‖² has E[K] = ‖G‖² + trIS/B, so
    // E[trIS^] = trIS·(1 − 1/B) and E[trU^] = trU − trIS/B (B = 8: a 12.5% shift that the test must include).
    // 300 × 8 = 2400 IS draws give a standard error of a few per cent; 8% leaves margin for the fixed seed and
    // still fails an estimator without λ or with the wrong bias.
    const TOL = 0.08;
    const B = 8;
    const expected = { trIS: c.exact.trIS * (1 - 1 / B), trU: c.exact.trU - c.exact.trIS / B };
    for (const k of ['trIS', 'trU'] as const) {
      const rel = Math.abs(c.full[k] - expected[k]) / Math.abs(expected[k]);
      assert.ok(rel < TOL, `${k}: full ${c.full[k]} vs expected ${expected[k]} (rel ${rel} ≥ ${TOL})`);
    }
    assert.ok(
      c.exact.trOpt <= c.exact.trIS + 1e-12 && c.exact.trOpt <= c.exact.trU + 1e-12,
      'optimal is minimal',
    );
    // a linear model: ‖g_i‖ = ‖[x_i; 1]‖·‖u_i‖, strongly but not perfectly correlated with ‖u_i‖
    assert.ok(c.normCorrelation > 0.5 && c.normCorrelation <= 1, `corr ${c.normCorrelation}`);
    assert.equal(tf.memory().numTensors, before, 'no tensor leak');
    model.params.forEach((p, i) => assert.deepEqual(Array.from(p.dataSync()), w0[i], 'model unchanged'));
  });

  it('consumes N normals, then B·repeats uniforms, and is deterministic for a seed', () => {
    const { data, model } = setup();
    const rng = createRng(4);
    const a = traceCheck(model, softmaxCrossEntropy, data, { batchSize: 4, repeats: 2 }, rng);
    const ref = createRng(4);
    for (let i = 0; i < data.n; i++) ref.normal();
    for (let t = 0; t < 4 * 2; t++) ref.next();
    assert.equal(rng.next(), ref.next(), 'same position in the stream');
    const b = traceCheck(model, softmaxCrossEntropy, data, { batchSize: 4, repeats: 2 }, createRng(4));
    assert.deepEqual(a, b);
  });

  it('rejects bad input with the option named', () => {
    const { data, model } = setup();
    assert.throws(
      () => traceCheck(model, softmaxCrossEntropy, data, { repeats: 0 }, createRng(0)),
      /traceCheck: repeats must be an integer ≥ 1, got 0/,
    );
    const noGrad = { ...softmaxCrossEntropy, name: 'no-grad', outputGrad: undefined };
    assert.throws(() => traceCheck(model, noGrad, data, {}, createRng(0)), /has no outputGrad/);
  });
});

describe('summarizeTraceChecks', () => {
  it('median relative errors (odd and even counts)', () => {
    // full vs exact: |1.1 − 1|/1 = 0.1, |1.5 − 1| = 0.5, |0.8 − 1| = 0.2 ⇒ median 0.2
    // logit vs full: |2.2 − 1.1|/1.1 = 1, |1.5 − 1.5| = 0, |0.4 − 0.8|/0.8 = 0.5 ⇒ median 0.5
    const s = summarizeTraceChecks([check(1.1, 1, 2.2), check(1.5, 1, 1.5), check(0.8, 1, 0.4)]);
    assert.ok(Math.abs(s.fullVsExact.trIS - 0.2) < 1e-12, String(s.fullVsExact.trIS));
    assert.ok(Math.abs(s.logitVsFull.ems - 0.5) < 1e-12, String(s.logitVsFull.ems));
    // even: mean of the two middle values, (0.1 + 0.5)/2
    const e = summarizeTraceChecks([check(1.1, 1, 1.1), check(1.5, 1, 1.5)]);
    assert.ok(Math.abs(e.fullVsExact.efficiency - 0.3) < 1e-12, String(e.fullVsExact.efficiency));
    assert.throws(() => summarizeTraceChecks([]), /checks must not be empty/);
  });
});

describe('traceEstimate', () => {
  it('adds B_eff = B·trU/trIS ([EMAIS] Eq. 7) and s = (trIS − trOpt)/(trU − trOpt) (METHODS §5.7) to the traces', () => {
    const e = traceEstimate(64, 1, 2, 0.5);
    assert.deepEqual(
      { trIS: e.trIS, trU: e.trU, trOpt: e.trOpt, ems: e.ems },
      { trIS: 1, trU: 2, trOpt: 0.5, ems: 128 },
    );
    assert.ok(Math.abs(e.efficiency - 1 / 3) < 1e-15);
  });
});
