import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { centralDifference, softmaxCe64 } from '../../src/theory/softmax-ce64.js';
import { assertAllClose } from '../helpers/reference.js';

describe('softmaxCe64 (METHODS §2.2)', () => {
  it('hand value: z = (2, 0, 0), y = 0: ℓ = log(e² + 2) − 2', () => {
    const r = softmaxCe64([2, 0, 0], 0);
    assert.ok(Math.abs(r.loss - (Math.log(Math.exp(2) + 2) - 2)) < 1e-15);
    const s0 = Math.exp(2) / (Math.exp(2) + 2);
    assertAllClose(r.u, [s0 - 1, (1 - s0) / 2, (1 - s0) / 2], { rtol: 0, atol: 1e-15 }, 'u');
  });
  it('u = s − e_y matches central differences; ‖u‖² = Σ s² − 2 s_y + 1 ([AS-IS] App. A Eq. 12); stable at large z', () => {
    const z = [0.3, -1.2, 2.5, 0.1];
    for (let y = 0; y < 4; y++) {
      const r = softmaxCe64(z, y);
      // h = 1e-5: truncation ≤ h²/6 · max|ℓ'''| < 1e-10, round-off ≈ 2.2e-16·ℓ/h < 1e-10
      assertAllClose(
        r.u,
        centralDifference((v) => softmaxCe64(v, y).loss, z),
        { rtol: 0, atol: 1e-9 },
        `y = ${y}`,
      );
      const uSq = r.u.reduce((s, v) => s + v * v, 0);
      const closed = r.s.reduce((s, v) => s + v * v, 0) - 2 * r.s[y] + 1;
      assert.ok(Math.abs(uSq - closed) < 1e-14);
    }
    assert.ok(Number.isFinite(softmaxCe64([1000, 0], 1).loss));
    assert.throws(() => softmaxCe64([1, 2], 2), /y must be an integer in \[0, 2\), got 2/);
    assert.throws(() => centralDifference((v) => v[0], [1], 0), /h must be a finite number > 0/);
  });
});
