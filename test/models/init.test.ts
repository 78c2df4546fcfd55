import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  glorotUniform,
  heNormal,
  heUniform,
  initialize,
  initNames,
  lecunUniform,
  zeros,
} from '../../src/models/init.js';
import { createRng } from '../../src/random/rng.js';

const N = 40000;

function moments(w: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let s = 0;
  let s2 = 0;
  let maxAbs = 0;
  for (const v of w) {
    s += v;
    s2 += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = s / w.length;
  return { mean, variance: s2 / w.length - mean * mean, maxAbs };
}

describe('initialisers', () => {
  it('same seed ⇒ identical values; different seed ⇒ different values', () => {
    const fans = { fanIn: 30, fanOut: 20 };
    for (const name of initNames) {
      const a = initialize(name, 600, fans, createRng(7));
      const b = initialize(name, 600, fans, createRng(7));
      assert.deepEqual(a, b, `${name}: same seed differs`);
      if (name !== 'zeros') {
        const c = initialize(name, 600, fans, createRng(8));
        assert.notDeepEqual(a, c, `${name}: different seeds agree`);
      }
    }
  });

  it('uniform initialisers stay in (−a, a) and have variance a²/3', () => {
    // Sample variance of N = 40000 uniform draws: relative standard error sqrt(0.8/N) ≈ 0.45%; a 3% band is
    // > 6 standard errors, yet catches a wrong constant (e.g. 2/fanIn vs 6/fanIn is a factor 3).
    // Mean: standard error a/sqrt(3N) ≈ 0.003a; band 0.02a.
    const fans = { fanIn: 50, fanOut: 30 };
    const cases = [
      ['glorot-uniform', glorotUniform(N, fans, createRng(1)), Math.sqrt(6 / 80)],
      ['he-uniform', heUniform(N, fans, createRng(2)), Math.sqrt(6 / 50)],
      ['lecun-uniform', lecunUniform(N, fans, createRng(3)), Math.sqrt(3 / 50)],
    ] as const;
    for (const [name, w, a] of cases) {
      const { mean, variance, maxAbs } = moments(w);
      assert.ok(maxAbs < a, `${name}: max |w| ${maxAbs} ≥ a ${a}`);
      assert.ok(maxAbs > 0.99 * a, `${name}: max |w| ${maxAbs} far below a ${a}`);
      assert.ok(Math.abs(mean) < 0.02 * a, `${name}: mean ${mean}, expected 0 ± ${0.02 * a}`);
      const expected = (a * a) / 3;
      assert.ok(
        Math.abs(variance / expected - 1) < 0.03,
        `${name}: variance ${variance}, expected ${expected} ± 3%`,
      );
    }
  });

  it('heNormal has mean 0 and variance 2/fanIn', () => {
    // Sample variance of N normal draws: relative standard error sqrt(2/N) ≈ 0.7%; band 4% ≈ 5.7 s.e.
    const w = heNormal(N, { fanIn: 25, fanOut: 10 }, createRng(4));
    const { mean, variance } = moments(w);
    const expected = 2 / 25;
    assert.ok(Math.abs(mean) < 0.02 * Math.sqrt(expected), `mean ${mean}`);
    assert.ok(Math.abs(variance / expected - 1) < 0.04, `variance ${variance}, expected ${expected} ± 4%`);
  });

  it('zeros is all zero and consumes no randomness', () => {
    assert.deepEqual(zeros(4), new Float32Array(4));
    const rng = createRng(5);
    const first = createRng(5).next();
    initialize('zeros', 10, { fanIn: 1, fanOut: 1 }, rng);
    assert.equal(rng.next(), first);
  });

  it('rejects bad sizes, fans and names', () => {
    const rng = createRng(0);
    assert.throws(
      () => glorotUniform(-1, { fanIn: 1, fanOut: 1 }, rng),
      /size must be a non-negative integer, got -1/,
    );
    assert.throws(
      () => heUniform(3, { fanIn: 0, fanOut: 1 }, rng),
      /fanIn must be a positive integer, got 0/,
    );
    assert.throws(
      () => glorotUniform(3, { fanIn: 2, fanOut: 1.5 }, rng),
      /fanOut must be a positive integer, got 1.5/,
    );
    assert.throws(() => zeros(2.5), /size must be a non-negative integer, got 2.5/);
    assert.throws(
      () => initialize('orthogonal' as never, 3, { fanIn: 1, fanOut: 1 }, rng),
      /unknown init 'orthogonal'; allowed: glorot-uniform, he-uniform, he-normal, lecun-uniform, zeros/,
    );
  });
});
