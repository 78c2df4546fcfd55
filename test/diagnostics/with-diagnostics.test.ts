import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withDiagnostics, withDiagnosticsDefaults } from '../../src/diagnostics/with-diagnostics.js';
import { createRng } from '../../src/random/rng.js';
import { createMemoryIs } from '../../src/samplers/memory-sampler.js';
import { createRaisLite } from '../../src/samplers/rais-lite.js';
import type { Sampler } from '../../src/samplers/types.js';
import { createUniformScan } from '../../src/samplers/uniform-scan.js';

/** Every member of the Sampler interface (a new member fails type checking until listed here). */
const SAMPLER_MEMBERS: Record<keyof Sampler, true> = {
  name: true,
  stepsInEpoch: true,
  beginEpoch: true,
  next: true,
  wantsScores: true,
  observe: true,
  endEpoch: true,
  probabilities: true,
  needs: true,
  afterForward: true,
  diagnostics: true,
  scheduleProgress: true,
  stopAtScheduleEnd: true,
  warmupEpochs: true,
  saveState: true,
  loadState: true,
};

describe('withDiagnostics', () => {
  it('adds ESS, weight range, seen fraction, staleness and class shares; traces only every k steps', () => {
    assert.deepEqual({ ...withDiagnosticsDefaults }, { every: 1, unbiased: false });
    const N = 8;
    const labels = new Int32Array([0, 0, 1, 1, 1, 1, 2, 2]);
    const s = withDiagnostics(createUniformScan({ n: N, batchSize: 4, rng: createRng(0) }), {
      every: 2,
      n: N,
      labels,
    });
    s.beginEpoch(0);
    const b0 = s.next();
    assert.equal(s.needs?.outputGrad, true, 'step 0 is a trace step');
    // λ ≡ 1 under uniform: trIS = trU ⇒ EMS = B, efficiency 1 (METHODS §5.5, §5.7)
    const u = new Float32Array([1, 0, 0, 0, 2, 0, 0, 0, -1, 1, 1, 0]); // (4 × 3)
    s.afterForward?.({ batch: b0, losses: new Float32Array(4), outputGrad: u, numOutputs: 3 });
    let d = s.diagnostics?.() ?? {};
    assert.equal(d.ess, 4);
    assert.equal(d.maxWeight, 1);
    assert.equal(d.minWeight, 1);
    assert.equal(d.seenFraction, 0.5);
    assert.equal(d.staleness, 0); // all seen samples drawn at step 0
    assert.equal(d.ems, 4);
    assert.equal(d.efficiency, 1);
    const share = [0, 1, 2].map((k) => d[`classShare${k}`]);
    const expected = [0, 1, 2].map((k) => Array.from(b0.indices).filter((i) => labels[i] === k).length / 4);
    assert.deepEqual(share, expected);
    s.next();
    assert.equal(s.needs?.outputGrad, false, 'step 1 is not a trace step: no read-back');
    d = s.diagnostics?.() ?? {};
    assert.equal(d.seenFraction, 1);
    assert.equal(d.staleness, 0.5); // t = 1: four samples at age 1, four at age 0
    assert.equal(d.trIS, undefined);
    s.endEpoch(0);
  });

  it('reports the spread of IS weights (memory sampler) and rejects bad options', () => {
    const N = 6;
    const inner = createMemoryIs({ n: N, batchSize: 3, rng: createRng(2) }, { initEpochs: 1 });
    const s = withDiagnostics(inner, { n: N });
    s.beginEpoch(0);
    for (let k = 0; k < 2; k++) {
      const b = s.next();
      s.observe({
        indices: b.indices,
        scores: Float32Array.from(b.indices, (i) => i + 1),
        losses: new Float32Array(3),
      });
    }
    s.endEpoch(0);
    s.beginEpoch(1);
    const b = s.next();
    const d = s.diagnostics?.() ?? {};
    const w = Array.from(b.weights);
    const ess = w.reduce((a, c) => a + c, 0) ** 2 / w.reduce((a, c) => a + c * c, 0); // Kish ESS
    assert.ok(Math.abs(d.ess - ess) <= 1e-12);
    assert.equal(d.maxWeight, Math.max(...w));
    assert.equal(d.minWeight, Math.min(...w));
    assert.throws(() => withDiagnostics(inner, { n: N, every: 0 }), /every must be an integer ≥ 1, got 0/);
    assert.throws(
      () => withDiagnostics(inner, { n: N, labels: new Int32Array(2) }),
      /labels must have length n = 6/,
    );
  });
  it('is transparent: every member of the inner sampler, optional ones included, behaves the same', () => {
    const [N, B] = [12, 3];
    const make = (fixedIterations: boolean) =>
      createRaisLite({ n: N, batchSize: B, rng: createRng(4) }, { fixedIterations, warmupEpochs: 1 });
    for (const fixedIterations of [false, true]) {
      const bare = make(fixedIterations);
      const inner = make(fixedIterations);
      const s = withDiagnostics(inner, { n: N });
      assert.equal(s.inner, inner);
      for (const k of Object.keys(SAMPLER_MEMBERS)) {
        const m = k as keyof Sampler;
        if (inner[m] !== undefined) assert.notEqual(s[m], undefined, `member ${k} is not forwarded`);
      }
      assert.equal(s.stopAtScheduleEnd, bare.stopAtScheduleEnd);
      assert.equal(s.warmupEpochs, 1, 'the warm-up length is forwarded');
      assert.equal(s.scheduleProgress === undefined, bare.scheduleProgress === undefined);
      // Drive both through the warm-up epoch and one RAIS epoch with the same output gradients.
      const drive = (t: Sampler, e: number, k: number) => {
        const batch = t.next();
        const u = Float32Array.from(
          { length: B * 2 },
          (_, j) => ((batch.indices[j >> 1] + 1) * (j % 2 ? 1 : 0.5)) / (k + 1),
        );
        const decision = t.afterForward?.({
          batch,
          losses: new Float32Array(B),
          outputGrad: u,
          numOutputs: 2,
        });
        t.observe({ indices: batch.indices, losses: new Float32Array(B), outputGrad: u, step: e * 100 + k });
        return {
          indices: Array.from(batch.indices),
          weights: Array.from(batch.weights),
          lrScale: decision?.lrScale,
        };
      };
      for (let e = 0; e < 2; e++) {
        assert.equal(s.stepsInEpoch(e), bare.stepsInEpoch(e));
        s.beginEpoch(e);
        bare.beginEpoch(e);
        for (let k = 0; k < bare.stepsInEpoch(e); k++) {
          // The wrapper may ask for more (u on its trace steps), never for less.
          assert.equal(s.needs?.output === true, bare.needs?.output === true, `needs.output at ${e}/${k}`);
          if (bare.needs?.outputGrad === true)
            assert.equal(s.needs?.outputGrad, true, `needs.outputGrad at ${e}/${k}`);
          assert.deepEqual(drive(s, e, k), drive(bare, e, k), `epoch ${e} step ${k}`);
          assert.equal(s.scheduleProgress?.(), bare.scheduleProgress?.(), 'scheduleProgress (RAIS t̃)');
        }
        s.endEpoch(e);
        bare.endEpoch(e);
        assert.deepEqual(s.probabilities(), bare.probabilities());
      }
      if (!fixedIterations) assert.ok((s.scheduleProgress?.() ?? 0) > 0);
    }
  });
});
