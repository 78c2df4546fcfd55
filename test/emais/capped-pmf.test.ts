import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capThreshold, cappedPmf, mixRho } from '../../src/emais/capped-pmf.js';
import { createRng } from '../../src/random/rng.js';

/** Cap and normalisation are float64 sums over ≤ 1000 terms: 1e-12 (METHODS §5.13 (v)). */
const TOL = 1e-12;

function adversarial(): { name: string; w: Float64Array }[] {
  const rng = createRng(7);
  const N = 1000;
  const oneHuge = new Float64Array(N).fill(1e-9);
  oneHuge[17] = 1e9;
  const geometric = Float64Array.from({ length: N }, (_, i) => 2 ** -(i % 60));
  const zerosAndTies = Float64Array.from({ length: N }, (_, i) => (i < 10 ? 5 : i < 500 ? 0 : 1));
  const heavy = Float64Array.from({ length: N }, () => Math.exp(8 * rng.normal()));
  return [
    { name: 'one huge', w: oneHuge },
    { name: 'geometric', w: geometric },
    { name: 'zeros and ties', w: zerosAndTies },
    { name: 'log-normal σ = 8', w: heavy },
  ];
}

describe('cappedPmf / capThreshold / mixRho', () => {
  it('hand-worked: w = [8, 1, 1], cap 0.5 → p = [0.5, 0.25, 0.25], θ = 2', () => {
    assert.deepEqual(Array.from(cappedPmf([8, 1, 1], 0.5)), [0.5, 0.25, 0.25]);
    assert.equal(capThreshold([8, 1, 1], 0.5), 2);
    assert.equal(capThreshold([1, 1, 1], 0.5), Infinity);
  });

  it('max-duplicate bound holds for adversarial importances; Σp = 1; order follows w', () => {
    for (const B of [32, 128]) {
      for (const Dmax of [1, 2, 4]) {
        for (const { name, w } of adversarial()) {
          const cap = Dmax / B;
          const p = cappedPmf(w, cap);
          const sum = p.reduce((a, b) => a + b, 0);
          assert.ok(Math.abs(sum - 1) <= TOL, `${name} B=${B} D=${Dmax}: Σp = ${sum}`);
          const maxDup = B * Math.max(...p);
          assert.ok(maxDup <= Dmax + TOL, `${name}: max B·p = ${maxDup} > D_max = ${Dmax}`);
          for (let i = 1; i < w.length; i++) {
            if (w[i] > w[i - 1]) assert.ok(p[i] >= p[i - 1], `${name}: order at ${i}`);
          }
          // the sampler's form min(w, θ)/Σ min(w, θ) equals the water-filling pmf (zero weights aside)
          if (!name.startsWith('zeros')) {
            const th = capThreshold(w, cap);
            let z = 0;
            for (const v of w) z += Math.min(v, th);
            for (let i = 0; i < w.length; i++) {
              const q = Math.min(w[i], th) / z;
              assert.ok(
                Math.abs(q - p[i]) <= 1e-9 * p[i] + 1e-300,
                `${name}: θ form at ${i}: ${q} vs ${p[i]}`,
              );
            }
            // warm start from a nearby threshold gives the same answer
            const th2 = capThreshold(w, cap, th * 1.3);
            assert.ok(th2 === th || Math.abs(th2 - th) <= 1e-9 * th, `${name}: warm start ${th2} vs ${th}`);
          }
          const rho = mixRho(w, cap);
          let W = 0;
          let wmax = 0;
          for (const v of w) {
            W += v;
            wmax = Math.max(wmax, v);
          }
          const pmaxMix = (1 - rho) * (wmax / W) + rho / w.length;
          assert.ok(B * pmaxMix <= Dmax + 1e-9, `${name}: mixture max B·p = ${B * pmaxMix}`);
        }
      }
    }
  });

  it('rejects non-finite weights and an infeasible cap', () => {
    assert.throws(() => cappedPmf([1, NaN], 0.5), /w\[1\] must be finite and ≥ 0, got NaN/);
    assert.throws(() => capThreshold([1, Infinity], 0.5), /w\[1\] must be finite/);
    assert.throws(() => cappedPmf([1, 1, 1], 0.2), /N·cap ≥ 1 \(N = 3\), got 0.2/);
    assert.throws(() => mixRho([0, 0], 1), /Σw must be > 0/);
  });
});
