import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ablations } from '../../src/sweep/ablation-specs.js';
import { ablationVerdict } from '../../src/sweep/run-ablation.js';

/** Tail rows: β ∈ {0, 0.7, 0.9}, seeds 1–3; excess loss 10^(−4 + offset_β + 0.01·s). */
function tail(offsets: Record<number, number>) {
  return Object.entries(offsets).flatMap(([beta, off]) =>
    [1, 2, 3].map((seed) => ({ beta: Number(beta), seed, excessLoss: 10 ** (-4 + off + 0.01 * seed) })),
  );
}

describe('ablationVerdict', () => {
  it('says the papers value is the best when it is', () => {
    const t = ablationVerdict(tail({ 0: 0.3, 0.7: 0, 0.9: 0.1 }), 'beta', { value: 0.7, source: 'P' });
    // β = 0.7: log10 values −3.99, −3.98, −3.97 → geometric mean 10^−3.98 = 1.05e-4, half 4.3027·0.01/√3 = 0.0248 → [10^−4.0048, 10^−3.9552]
    assert.match(t, /beta = 0\.7: 1\.05e-4 \[9\.89e-5, 1\.11e-4\] \(n = 3\)/);
    assert.match(t, /Lowest at beta = 0\.7; the papers' value 0\.7 \(P\) is the best \(agrees\)/);
  });

  it('says differs when the papers value is worse than the best in every seed, agrees within noise', () => {
    const worse = ablationVerdict(tail({ 0: 0, 0.7: 0.3 }), 'beta', { value: 0.7, source: 'P' });
    // paired log10 differences are exactly 0.3 for every seed → ratio 10^0.3 = 2.0, zero-width interval
    assert.match(worse, /is 2\.0 \[2\.0, 2\.0\]× the best beta = 0 \(differs\)/);
    const rows = tail({ 0: 0, 0.7: 0.001 }).map((r) =>
      r.beta === 0.7 ? { ...r, excessLoss: r.excessLoss * 10 ** [0.05, -0.05, 0.003][r.seed - 1] } : r,
    );
    assert.match(
      ablationVerdict(rows, 'beta', { value: 0.7, source: 'P' }),
      /the best beta = 0, within noise \(agrees\)/,
    );
    assert.match(ablationVerdict(tail({ 0: 0 }), 'beta', { value: 0.7, source: 'P' }), /is not in the sweep/);
  });

  it('every built-in ablation sweeps the papers value', () => {
    for (const [name, a] of Object.entries(ablations)) {
      const grid = a.spec.grid?.[a.key] as unknown[] | undefined;
      assert.ok(
        grid?.includes(a.paper.value),
        `${name}: ${String(a.paper.value)} not in ${JSON.stringify(grid)}`,
      );
    }
  });
});
