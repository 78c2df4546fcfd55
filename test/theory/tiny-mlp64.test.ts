import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { centralDifference } from '../../src/theory/softmax-ce64.js';
import { initTinyMlp64, tinyMlp64Loss, tinyMlp64Sample } from '../../src/theory/tiny-mlp64.js';
import { assertAllClose } from '../helpers/reference.js';

describe('tiny float64 MLP (output-gradient bound, [MIS] Eq. 4)', () => {
  it('g = Jᵀu matches central differences of the loss', () => {
    const net = initTinyMlp64({ D: 3, H: 4, C: 3, rng: createRng(1) });
    const x = [0.5, -1, 0.25];
    const s = tinyMlp64Sample(net, x, 2);
    const fd = centralDifference((th) => tinyMlp64Loss(net, th, x, 2), net.theta);
    // h = 1e-5 in float64: O(h²) truncation and ~1e-11 round-off
    assertAllClose(s.g, fd, { rtol: 0, atol: 1e-8 }, 'g vs finite differences');
    assert.equal(s.g.length, 3 * 4 + 4 + 3 * 4 + 3);
  });
  it('last-layer norm ≤ ‖g‖ ≤ ‖J‖₂ ‖u‖ on 50 samples', () => {
    const rng = createRng(2);
    const net = initTinyMlp64({ D: 2, H: 6, C: 4, rng, scale: 2 });
    for (let t = 0; t < 50; t++) {
      const s = tinyMlp64Sample(net, [rng.normal(), rng.normal()], rng.int(4));
      assert.ok(
        s.lastLayerNorm <= s.gNorm * (1 + 1e-12),
        `sample ${t}: last layer ${s.lastLayerNorm} > ‖g‖ ${s.gNorm}`,
      );
      assert.ok(s.gNorm <= s.jacobianNorm * s.uNorm * (1 + 1e-10), `sample ${t}: bound violated`);
    }
  });
  it('C = 1: J is one row, so ‖g‖ = ‖J‖₂ |u| exactly (the bound is tight)', () => {
    const net = initTinyMlp64({ D: 2, H: 3, C: 1, rng: createRng(3) });
    const s = tinyMlp64Sample(net, [0.3, 0.7], 0);
    // softmax of one class: u = 0, so compare the Jacobian norm with the gradient of z itself
    assert.equal(s.uNorm, 0);
    assert.equal(s.gNorm, 0);
    const dz = centralDifference((th) => {
      const n2 = { ...net, theta: th };
      return tinyMlp64Sample(n2, [0.3, 0.7], 0).z[0];
    }, net.theta);
    assert.ok(Math.abs(Math.hypot(...dz) - s.jacobianNorm) < 1e-8);
  });
  it('rejects bad sizes', () => {
    assert.throws(
      () => initTinyMlp64({ D: 0, H: 1, C: 1, rng: createRng(1) }),
      /D must be an integer ≥ 1, got 0/,
    );
    const net = initTinyMlp64({ D: 2, H: 1, C: 2, rng: createRng(1) });
    assert.throws(() => tinyMlp64Sample(net, [1], 0), /x has 1 entries, D = 2/);
  });
});
