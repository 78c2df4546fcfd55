import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMisSampler, isMisSampler, misSamplerDefaults } from '../../src/samplers/mis-sampler.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';

/** Scores (B × K) from a per-index, per-candidate table phi[i][k]. */
function scoresOf(indices: Int32Array, phi: number[][]): Float64Array {
  return Float64Array.from(Array.from(indices).flatMap((i) => phi[i]));
}

describe('mis sampler', () => {
  it('pins its defaults', () => {
    assert.deepEqual(misSamplerDefaults, {
      J: 2,
      alloc: [],
      alpha: 0.1,
      eps: 1e-3,
      epsMode: 'relative',
      initEpochs: 1,
    });
  });

  it('init epoch scans a permutation with weights 1 and sets q_j ← score_j', () => {
    const N = 6;
    const phi = [...Array(N).keys()].map((i) => [i + 1, N - i]);
    const s = createMisSampler({ n: N, batchSize: 2, rng: createRng(3) }, { J: 2 });
    assert.ok(isMisSampler(s));
    assert.equal(s.stepsInEpoch(0), 3);
    s.beginEpoch(0);
    const seen: number[] = [];
    for (let t = 0; t < 3; t++) {
      const b = s.next();
      assert.equal(b.mis, undefined);
      assert.ok(b.weights.every((w) => w === 1));
      seen.push(...b.indices);
      s.setTechniqueScores(scoresOf(b.indices, phi), 2);
      s.observe({ indices: b.indices, losses: new Float32Array(2) });
    }
    s.endEpoch(0);
    assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual([...s.memory(0)], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual([...s.memory(1)], [6, 5, 4, 3, 2, 1]);
  });

  it('main batches: n_j draws per technique from frozen pmfs, probs (B × J) and mixture-IS weights', () => {
    const N = 8;
    const B = 6;
    const phi = [...Array(N).keys()].map((i) => [i + 1, N - i]);
    const s = createMisSampler(
      { n: N, batchSize: B, rng: createRng(9) },
      { J: 2, alloc: [2, 4], alpha: 0, eps: 0, initEpochs: 1 },
    );
    s.beginEpoch(0);
    for (let t = 0; t < s.stepsInEpoch(0); t++) {
      const b0 = s.next();
      s.setTechniqueScores(scoresOf(b0.indices, phi), 2);
      s.observe({ indices: b0.indices, losses: new Float32Array(b0.indices.length) });
    }
    s.endEpoch(0);
    // q_0 = [1..8]/36, q_1 = [8..1]/36 (α = 0, ε = 0 keep them fixed)
    const p = [phi.map((r) => r[0] / 36), phi.map((r) => r[1] / 36)];
    const counts = [2, 4];
    const freq = [new Float64Array(N), new Float64Array(N)];
    const T = 4000; // draws per technique ≥ 8000; binomial SE of a frequency ≤ 0.0047
    s.beginEpoch(1);
    let steps = 0;
    for (let t = 0; t < T; t++) {
      if (steps === s.stepsInEpoch(1)) {
        s.endEpoch(1);
        s.beginEpoch(1);
        steps = 0;
      }
      const b = s.next();
      steps++;
      const mis = b.mis!;
      assert.deepEqual([...mis.counts], counts);
      assert.deepEqual([...mis.technique], [0, 0, 1, 1, 1, 1]);
      for (let r = 0; r < B; r++) {
        const i = b.indices[r];
        freq[mis.technique[r]][i] += 1 / (counts[mis.technique[r]] * T);
        assertAllClose(
          [mis.probs[r * 2], mis.probs[r * 2 + 1]],
          [p[0][i], p[1][i]],
          { rtol: 1e-12, atol: 0 },
          'probs',
        );
        const S = 2 * p[0][i] + 4 * p[1][i];
        assertAllClose(
          [b.weights[r], b.probs[r]],
          [B / (N * S), S / B],
          { rtol: 1e-12, atol: 0 },
          'λ, p_mix',
        );
      }
      s.setTechniqueScores(scoresOf(b.indices, phi), 2);
      s.observe({ indices: b.indices, losses: new Float32Array(B) });
    }
    // Frequencies vs p_j: 5 binomial standard errors (≤ 0.024).
    assertAllClose(freq[0], p[0], { rtol: 0, atol: 0.024 }, 'technique 0 frequencies');
    assertAllClose(freq[1], p[1], { rtol: 0, atol: 0.024 }, 'technique 1 frequencies');
  });

  it('with more candidates than techniques keeps the top-J by mean score over the init epoch', () => {
    const N = 4;
    // candidate means: c0 = 1, c1 = 10, c2 = 5 → nodes [1, 2]
    const phi = [...Array(N).keys()].map((i) => [1, 10 + i, 5]);
    const s = createMisSampler({ n: N, batchSize: 2, rng: createRng(1) }, { J: 2 });
    s.beginEpoch(0);
    for (let t = 0; t < 2; t++) {
      const b = s.next();
      s.setTechniqueScores(scoresOf(b.indices, phi), 3);
      s.observe({ indices: b.indices, losses: new Float32Array(2) });
    }
    s.endEpoch(0);
    assert.deepEqual([...s.techniqueNodes()!], [1, 2]);
    assert.deepEqual([...s.memory(0)], [10, 11, 12, 13]);
    assert.deepEqual([...s.memory(1)], [5, 5, 5, 5]);
  });

  it('errors: J larger than the available outputs, bad alloc, missing scores, unknown options', () => {
    const s = createMisSampler({ n: 4, batchSize: 2, rng: createRng(1) }, { J: 2 });
    s.beginEpoch(0);
    s.next();
    assert.throws(
      () => s.setTechniqueScores(new Float64Array(2), 1),
      /J = 2 is larger than the available outputs\/candidates K = 1/,
    );
    assert.throws(() => s.setTechniqueScores(Float64Array.of(1, NaN, 1, 1), 2), /technique score NaN/);
    const b = createMisSampler({ n: 4, batchSize: 2, rng: createRng(1) }, { J: 1 });
    b.beginEpoch(0);
    const bb = b.next();
    assert.throws(
      () => b.observe({ indices: bb.indices, losses: new Float32Array(2) }),
      /before setTechniqueScores/,
    );
    assert.throws(
      () => createMisSampler({ n: 4, batchSize: 4, rng: createRng(1) }, { J: 2, alloc: [1, 2] }),
      /alloc must be J = 2 integers ≥ 1 summing to B = 4/,
    );
    assert.throws(
      () => createMisSampler({ n: 4, batchSize: 2, rng: createRng(1) }, { J: 3 }),
      /J must be an integer in \[1, B = 2\], got 3/,
    );
    assert.throws(
      () => createMisSampler({ n: 4, batchSize: 2, rng: createRng(1) }, { beta: 1 }),
      /unknown option 'beta'/,
    );
  });

  it('adds ε·mean(q_j) to every q_j at the end of a main epoch', () => {
    const s = createMisSampler({ n: 2, batchSize: 1, rng: createRng(1) }, { J: 1, initEpochs: 0, eps: 0.5 });
    s.beginEpoch(0);
    for (let t = 0; t < 2; t++) {
      const b = s.next();
      s.setTechniqueScores(Float64Array.of(1), 1);
      s.observe({ indices: b.indices, losses: new Float32Array(1) });
    }
    s.endEpoch(0);
    // q stays 1 (α = 0.1 blend of 1 and 1), then + 0.5·mean(q) = 1.5
    assertAllClose(s.memory(0), [1.5, 1.5], { rtol: 1e-12, atol: 0 }, 'q');
  });
});
