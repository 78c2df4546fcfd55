import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import {
  activeBiasDefaults,
  activeBiasScore,
  createActiveBias,
  createConfidence,
  createConfVar,
  type ActiveBiasSampler,
} from '../../src/samplers/active-bias.js';

const C = 2;

/** Logits (0, z) with softmax true-class probability q for label 1: z = logit(q). */
function outputsFor(qs: readonly number[]): Float32Array {
  const out = new Float32Array(qs.length * C);
  qs.forEach((q, b) => (out[b * C + 1] = Math.log(q / (1 - q))));
  return out;
}

/** Runs the warm-up epochs with per-visit probability q(i, visit). */
function warm(s: ActiveBiasSampler, q: (i: number, visit: number) => number): void {
  for (let e = 0; e < activeBiasDefaults.warmupEpochs; e++) {
    s.beginEpoch(e);
    for (let t = 0; t < s.stepsInEpoch(e); t++) {
      const b = s.next();
      s.observe({
        indices: b.indices,
        losses: new Float32Array(b.indices.length),
        output: outputsFor(Array.from(b.indices, (i) => q(i, e))),
        labels: new Int32Array(b.indices.length).fill(1),
      });
    }
    s.endEpoch(e);
  }
}

describe('confidence / confvar (Active Bias; METHODS §6.5)', () => {
  it('activeBiasScore matches float64 references', () => {
    // H = [0.2, 0.6]: p̄ = 0.4, v̂ = 0.04, confvar = sqrt(0.04 + 0.0016/1)
    assert.ok(Math.abs(activeBiasScore(0.8, 0.4, 2, 'confidence') - 0.6) < 1e-15);
    assert.ok(Math.abs(activeBiasScore(0.8, 0.4, 2, 'confidence', 'easy') - 0.4) < 1e-15);
    assert.ok(Math.abs(activeBiasScore(0.8, 0.4, 2, 'confvar') - Math.sqrt(0.0416)) < 1e-12);
    assert.equal(activeBiasScore(0.5, 0.25, 1, 'confvar'), 0); // needs |H| ≥ 2
  });

  it('pmf = (w + mean w)/Σ(w + mean w) from the histories (tol 1e-6: probabilities pass through float32 logits)', () => {
    const N = 30;
    const q = (i: number, visit: number) => 0.1 + (0.8 * ((i * 7 + visit * 3) % 10)) / 10;
    for (const mode of ['confidence', 'confvar'] as const) {
      const s = createActiveBias({ n: N, batchSize: 4, rng: createRng(2) }, {}, mode);
      warm(s, q);
      s.beginEpoch(2);
      const w = Float64Array.from({ length: N }, (_, i) => {
        const h = [q(i, 0), q(i, 1)];
        return activeBiasScore(h[0] + h[1], h[0] ** 2 + h[1] ** 2, 2, mode);
      });
      const mean = w.reduce((a, v) => a + v, 0) / N;
      const Z = w.reduce((a, v) => a + v + mean, 0);
      const p = s.probabilities();
      for (let i = 0; i < N; i++) {
        assert.ok(
          Math.abs(p[i] - (w[i] + mean) / Z) < 1e-6,
          `${mode} p[${i}] = ${p[i]} vs ${(w[i] + mean) / Z}`,
        );
      }
      const b = s.next();
      assert.ok(
        b.weights.every((c) => c === 1),
        'plain average: weights 1',
      );
    }
  });

  it('draw frequencies follow the pmf (seed 8, 40000 draws, each within 5 SE)', () => {
    const N = 10;
    const s = createConfidence({ n: N, batchSize: 5, rng: createRng(8) });
    warm(s, (i) => 0.05 + 0.09 * i);
    const counts = new Float64Array(N);
    let draws = 0;
    for (let e = 2; draws < 40000; e++) {
      s.beginEpoch(e);
      for (let t = 0; t < s.stepsInEpoch(e); t++) {
        const b = s.next();
        for (const i of b.indices) counts[i]++;
        draws += b.indices.length;
        // feed the same probabilities back so the pmf stays fixed
        s.observe({
          indices: b.indices,
          losses: new Float32Array(5),
          output: outputsFor(Array.from(b.indices, (i) => 0.05 + 0.09 * i)),
          labels: new Int32Array(5).fill(1),
        });
      }
      s.endEpoch(e);
    }
    const p = s.probabilities();
    for (let i = 0; i < N; i++) {
      const se = Math.sqrt((p[i] * (1 - p[i])) / draws);
      assert.ok(Math.abs(counts[i] / draws - p[i]) < 5 * se, `i=${i}: ${counts[i] / draws} vs ${p[i]}`);
    }
  });

  it('needs outputs and labels (classification) and rejects bad options', () => {
    const s = createConfVar({ n: 10, batchSize: 2, rng: createRng(1) });
    s.beginEpoch(0);
    const b = s.next();
    assert.throws(
      () => s.observe({ indices: b.indices, losses: new Float32Array(2) }),
      /needs the network outputs and integer labels/,
    );
    const ctx = { n: 10, batchSize: 2, rng: createRng(1) };
    assert.throws(
      () => createConfidence(ctx, { warmupEpochs: 0 }),
      /warmupEpochs must be an integer ≥ 1, got 0/,
    );
    assert.throws(
      () => createConfidence(ctx, { confidenceMode: 'x' }),
      /confidenceMode must be one of difficult, easy, got "x"/,
    );
  });
});
