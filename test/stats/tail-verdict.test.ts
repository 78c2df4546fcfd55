import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tailVerdict } from '../../src/stats/verdict.js';

/**
 * Four evaluations per run (steps 0–3); the tail (last 25% = 1 evaluation) is step 3. Uniform ends at 1e-3·10^(0.01·s),
 * IS at uniform ÷ 10 (ratio exactly 0.1 in every seed), MIS at uniform · 10^(±0.1, 0) (tied).
 */
function rows() {
  const out: Record<string, unknown>[] = [];
  const off: Record<string, number[]> = { uniform: [0, 0, 0], is: [-1, -1, -1], mis: [0.1, -0.1, 0] };
  for (const method of Object.keys(off)) {
    for (const seed of [1, 2, 3]) {
      for (const step of [0, 1, 2, 3]) {
        const end = 10 ** (-3 + 0.01 * seed + off[method][seed - 1]);
        out.push({ method, seed, step, excessLoss: step === 3 ? end : 1 });
      }
    }
  }
  return out;
}

describe('tailVerdict', () => {
  it('tail-averages each run, gives geometric intervals and paired ratios with the verdicts', () => {
    const t = tailVerdict(rows(), { y: 'excessLoss', reference: 'uniform', expectBelow: ['is', 'mis'] });
    // uniform: log10 −2.99, −2.98, −2.97 → 10^−2.98 = 1.05e-3
    assert.match(t, /uniform 1\.05e-3 \[9\.89e-4, 1\.11e-3\] \(n = 3\)/);
    assert.match(t, /is ÷ uniform 0\.10 \[0\.10, 0\.10\]: below \(agrees\)/);
    // mis: log ratios 0.1, −0.1, 0 → mean 0, half 4.3027 · 0.1/√3 = 0.248 → [10^−0.248, 10^0.248] = [0.56, 1.8]
    assert.match(t, /mis ÷ uniform 1\.0 \[0\.56, 1\.8\]: not resolved from 1/);
    assert.match(t, /last 25% of evaluations/);
  });

  it('reports one seed without an interval', () => {
    const t = tailVerdict(
      rows().filter((r) => r.seed === 1),
      { y: 'excessLoss', reference: 'uniform', expectBelow: ['is'] },
    );
    assert.match(t, /is ÷ uniform 0\.10 \(one seed\): not resolved from 1/);
  });
});
