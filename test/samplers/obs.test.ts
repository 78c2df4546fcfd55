import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createObs, obsDefaults, obsRankPmf } from '../../src/samplers/obs.js';

describe('obs (online batch selection; METHODS §6.7)', () => {
  it('pins the defaults', () => {
    assert.deepEqual(
      { ...obsDefaults },
      {
        pressureStart: 100,
        pressureEnd: 100,
        pressureEpochs: 10,
        sortEvery: 100,
        refreshFreq: 0,
        refreshRatio: 0.5,
      },
    );
  });

  it('obsRankPmf: P(r) ∝ exp(−r ln(s_e)/N), P(0)/P(N−1) = s_e^((N−1)/N)', () => {
    assert.deepEqual(Array.from(obsRankPmf(2, 4)), [2 / 3, 1 / 3]); // ∝ [1, 4^(−1/2)]
    const P = obsRankPmf(50, 100);
    assert.ok(Math.abs(P.reduce((a, v) => a + v, 0) - 1) < 1e-12);
    assert.ok(Math.abs(P[0] / P[49] - 100 ** (49 / 50)) < 1e-9);
  });

  it('first epoch is a sequential pass over a permutation', () => {
    const s = createObs({ n: 10, batchSize: 4, rng: createRng(1) });
    s.beginEpoch(0);
    const seen: number[] = [];
    for (let t = 0; t < s.stepsInEpoch(0); t++) {
      const b = s.next();
      seen.push(...b.indices);
      s.observe({ indices: b.indices, losses: new Float32Array(b.indices.length) });
    }
    s.endEpoch(0);
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      [...Array(10).keys()],
    );
  });

  it('draw frequencies follow the rank distribution of the latest losses (seed 12, 60000 draws, 5 SE)', () => {
    const N = 20;
    const B = 10;
    const loss = (i: number) => ((i * 7) % N) + 0.5; // distinct losses; rank 0 = largest
    const s = createObs({ n: N, batchSize: B, rng: createRng(12) }, { pressureStart: 30, pressureEnd: 30 });
    const feed = (e: number, counts?: Float64Array) => {
      s.beginEpoch(e);
      let n = 0;
      for (let t = 0; t < s.stepsInEpoch(e); t++) {
        const b = s.next();
        if (counts) for (const i of b.indices) counts[i]++;
        n += b.indices.length;
        s.observe({ indices: b.indices, losses: Float32Array.from(b.indices, loss) });
      }
      s.endEpoch(e);
      return n;
    };
    feed(0);
    const counts = new Float64Array(N);
    let draws = 0;
    for (let e = 1; draws < 60000; e++) draws += feed(e, counts);
    const P = obsRankPmf(N, 30);
    const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => loss(b) - loss(a));
    for (let r = 0; r < N; r++) {
      const i = order[r];
      const se = Math.sqrt((P[r] * (1 - P[r])) / draws);
      assert.ok(
        Math.abs(counts[i] / draws - P[r]) < 5 * se,
        `rank ${r} (i=${i}): ${counts[i] / draws} vs ${P[r]}`,
      );
    }
    s.beginEpoch(99);
    const p = s.probabilities();
    for (let r = 0; r < N; r++) assert.equal(p[order[r]], P[r]);
  });

  it('refresh recomputes the top-ranked losses through the DrawContext', () => {
    const N = 10;
    const s = createObs({ n: N, batchSize: 5, rng: createRng(2) }, { refreshFreq: 1, refreshRatio: 0.4 });
    s.beginEpoch(0);
    for (let t = 0; t < 2; t++) {
      const b = s.next();
      s.observe({ indices: b.indices, losses: Float32Array.from(b.indices, (i) => i) });
    }
    s.endEpoch(0);
    s.beginEpoch(1);
    let asked: Int32Array | null = null;
    s.next({
      step: 2,
      evaluate: (idx) => {
        asked = idx.slice();
        return { losses: new Float32Array(idx.length), scores: new Float32Array(idx.length) };
      },
    });
    assert.deepEqual(Array.from(asked as unknown as Int32Array), [9, 8, 7, 6]); // top 40% by loss
    assert.equal(s.diagnostics?.().examplesScored, 4);
    assert.deepEqual(Array.from(s.latestLosses()).slice(6), [0, 0, 0, 0]);
  });

  it('rejects bad options', () => {
    const ctx = { n: 10, batchSize: 2, rng: createRng(1) };
    assert.throws(
      () => createObs(ctx, { pressureStart: 0.5 }),
      /option pressureStart must be a number ≥ 1, got 0.5/,
    );
    assert.throws(() => createObs(ctx, { sortEvery: 0 }), /sortEvery must be an integer ≥ 1, got 0/);
  });
});
