import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createUniformReplace } from '../../src/samplers/uniform-replace.js';

describe('createUniformReplace', () => {
  it('has floor(N/B) steps per epoch, weights 1 and probs 1/N', () => {
    const s = createUniformReplace({ n: 10, batchSize: 4, rng: createRng(0) });
    assert.equal(s.name, 'uniform-replace');
    assert.equal(s.stepsInEpoch(0), 2); // floor(10/4)
    assert.equal(s.wantsScores(), false);
    s.beginEpoch(0);
    const batch = s.next();
    assert.equal(batch.indices.length, 4);
    assert.deepEqual(Array.from(batch.weights), [1, 1, 1, 1]);
    assert.deepEqual(Array.from(batch.probs), [0.1, 0.1, 0.1, 0.1]);
    s.observe({ indices: batch.indices, losses: new Float32Array(4) });
    s.endEpoch(0);
    assert.equal(s.probabilities().length, 10);
    assert.ok(s.probabilities().every((p) => p === 0.1));
  });

  it('draw frequencies are uniform (χ², N = 17, 5000 batches of 8, seed 2)', () => {
    // 40 000 draws over 17 cells, df = 16. Critical value χ²_{0.999}(16) = 39.252; the seed is fixed.
    const N = 17;
    const s = createUniformReplace({ n: N, batchSize: 8, rng: createRng(2) });
    const counts = new Array<number>(N).fill(0);
    for (let t = 0; t < 5000; t++) for (const i of s.next().indices) counts[i]++;
    const e = 40000 / N;
    const stat = counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
    assert.ok(stat < 39.252, `χ² = ${stat} ≥ 39.252 (df 16, α = 0.001); counts ${counts.join(',')}`);
  });

  it('draws with replacement (duplicates occur) and is reproducible per seed', () => {
    const a = createUniformReplace({ n: 3, batchSize: 3, rng: createRng(5) });
    let dup = false;
    for (let t = 0; t < 20 && !dup; t++) dup = new Set(a.next().indices).size < 3;
    // P(no duplicate in 20 batches of 3 from 3) = (2/9)^20 ≈ 1e-13
    assert.ok(dup, 'no batch with a repeated index in 20 batches');
    const x = createUniformReplace({ n: 100, batchSize: 10, rng: createRng(6) });
    const y = createUniformReplace({ n: 100, batchSize: 10, rng: createRng(6) });
    for (let t = 0; t < 5; t++) assert.deepEqual(x.next().indices, y.next().indices);
  });

  it('rejects a bad context and options', () => {
    const rng = createRng(0);
    assert.throws(() => createUniformReplace({ n: 3.5, batchSize: 1, rng }), /ctx\.n .* got 3\.5/);
    assert.throws(
      () => createUniformReplace({ n: 4, batchSize: 0, rng }),
      /batchSize .* \[1, N = 4\], got 0/,
    );
    assert.throws(
      () => createUniformReplace({ n: 4, batchSize: 2, rng }, { eps: 0 }),
      /unknown option 'eps'/,
    );
    const s = createUniformReplace({ n: 4, batchSize: 2, rng });
    assert.throws(() => s.beginEpoch(0.5), /epoch must be an integer ≥ 0, got 0\.5/);
  });
});
