import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nodeGroupScores, resolveTechniqueNodes } from '../../src/mis/node-groups.js';
import { techniqueScores } from '../../src/mis/technique-scores.js';
import { createRng } from '../../src/random/rng.js';
import { createMisSampler } from '../../src/samplers/mis-sampler.js';
import { assertAllClose, softmax64 } from '../helpers/reference.js';

const TOL = { rtol: 1e-12, atol: 0 };

/** Output gradients u = softmax(z) − onehot(y) of N confidently classified samples, C classes (N × C). */
function confidentOutputGrads(N: number, C: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const u = new Float64Array(N * C);
  for (let i = 0; i < N; i++) {
    const y = i % C;
    const z = Array.from({ length: C }, (_, c) => (c === y ? 8 : 0) + 3 * rng.normal()); // margin ≈ 8 logits, wrong logits spread (sd 3) as in a trained net
    const p = softmax64(z);
    for (let c = 0; c < C; c++) u[i * C + c] = p[c] - (c === y ? 1 : 0);
  }
  return u;
}

/** The mixture pmf p_mix = Σ_j (n_j/B) p_j of a 'mis' sampler after one init epoch fed with the given scores. */
function mixtureAfterInit(u: Float64Array, N: number, C: number, J: number, nodes: 'groups' | 'top') {
  const B = 8;
  const s = createMisSampler({ n: N, batchSize: B, rng: createRng(7) }, { J });
  s.beginEpoch(0);
  for (let t = 0; t < s.stepsInEpoch(0); t++) {
    const b = s.next();
    const ub = Float64Array.from(
      Array.from(b.indices).flatMap((i) => Array.from(u.subarray(i * C, (i + 1) * C))),
    );
    if (nodes === 'groups') s.setTechniqueScores(nodeGroupScores(ub, C, J), J);
    else {
      const { scores, K } = techniqueScores(ub, undefined, C, J);
      s.setTechniqueScores(scores, K);
    }
    s.observe({ indices: b.indices, losses: new Float32Array(b.indices.length) });
  }
  s.endEpoch(0);
  s.beginEpoch(1);
  return s.probabilities();
}

/** min_x p_mix(x) / p_IS(x), p_IS ∝ ‖u_x‖ (the single-pmf IS of METHODS §3 with the output-gradient norm). */
function minRatioToIs(pMix: Float64Array, u: Float64Array, C: number): number {
  const N = pMix.length;
  const nrm = Float64Array.from({ length: N }, (_, i) => Math.hypot(...u.subarray(i * C, (i + 1) * C)));
  const tot = nrm.reduce((a, b) => a + b, 0);
  let m = Infinity;
  for (let i = 0; i < N; i++) m = Math.min(m, pMix[i] / (nrm[i] / tot));
  return m;
}

describe('nodeGroupScores', () => {
  it('is the norm of u over contiguous node groups (hand-worked)', () => {
    // C = 3, J = 2 → groups {0, 1}, {2}: row [3, 4, 1] → [5, 1]; row [0, 1, 2] → [1, 2]
    assertAllClose(nodeGroupScores(Float32Array.of(3, 4, 1, 0, 1, 2), 3, 2), [5, 1, 1, 2], TOL, 'scores');
  });

  it('J = C gives the per-node scores |u_c|, J = 1 the output-gradient norm ‖u‖', () => {
    const u = Float64Array.of(0.1, -0.7, 0.6, -0.2, 0.5, -0.3);
    assertAllClose(nodeGroupScores(u, 3, 3), techniqueScores(u, undefined, 3, 3).scores, TOL, 'J = C');
    assertAllClose(
      nodeGroupScores(u, 3, 1),
      [Math.hypot(0.1, 0.7, 0.6), Math.hypot(0.2, 0.5, 0.3)],
      TOL,
      'J = 1',
    );
  });

  it('rejects J > C and a u that is not B × C', () => {
    assert.throws(
      () => nodeGroupScores(new Float64Array(6), 3, 4),
      /J = 4 is larger than the available outputs/,
    );
    assert.throws(() => nodeGroupScores(new Float64Array(5), 3, 2), /not B × C with C = 3/);
  });

  it("resolveTechniqueNodes: default 'groups', names the option on bad input", () => {
    assert.equal(resolveTechniqueNodes(undefined, 'omis'), 'groups');
    assert.equal(resolveTechniqueNodes('top', 'omis'), 'top');
    assert.throws(
      () => resolveTechniqueNodes('all', 'omis'),
      /omis estimator: option nodes must be one of groups, top, got "all"/,
    );
  });
});

// The mnist-mlp divergence of OMIS with single nodes: with J < C single nodes, the techniques give the C − J other classes
// almost no mass once they are learnt, so the mixture weights 1/(N p_mix) of those samples explode.
describe('coverage of the MIS mixture, C = 10 confidently classified classes, J = 2', () => {
  const [N, C, J] = [200, 10, 2];
  const u = confidentOutputGrads(N, C, 3);

  it("'groups': p_mix(x) ≥ p_IS(x)/J for every sample (so λ_mix ≤ J λ_IS)", () => {
    // Proof: p_j(x) = ‖u_{x,G_j}‖ / Σ_i ‖u_{i,G_j}‖ ≥ ‖u_{x,G_j}‖ / Σ_i ‖u_i‖ and Σ_j ‖u_{x,G_j}‖ ≥ ‖u_x‖.
    const r = minRatioToIs(mixtureAfterInit(u, N, C, J, 'groups'), u, C);
    assert.ok(r >= 1 / J - 1e-12, `min p_mix/p_IS = ${r}, bound 1/J = ${1 / J}`);
  });

  it("'top' (the two single nodes of [MIS] §5) leaves samples with < 1% of their IS mass", () => {
    const r = minRatioToIs(mixtureAfterInit(u, N, C, J, 'top'), u, C);
    assert.ok(r < 0.01, `min p_mix/p_IS = ${r}; the single-node techniques should starve the other classes`);
  });
});
