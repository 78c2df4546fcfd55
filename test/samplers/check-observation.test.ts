import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { checkObservation } from '../../src/samplers/check-observation.js';
import { isMisSampler } from '../../src/samplers/mis-sampler.js';
import { createSampler, samplerNames } from '../../src/samplers/registry.js';
import type { Batch, DrawContext, Observation, Sampler } from '../../src/samplers/types.js';

const N = 24;
const B = 4;
const C = 3; // outputs per sample
const labels = Int32Array.from({ length: N }, (_, i) => i % C);

/** Model access for samplers that score candidates while drawing (DLIS, OBS): finite, positive values. */
const drawCtx: DrawContext = {
  step: 0,
  evaluate: (indices) => ({
    losses: Float32Array.from(indices, (i) => 1 + (i % 5)),
    scores: Float32Array.from(indices, (i) => 0.5 + (i % 7)),
  }),
};

/** A sampler of every registered name, mid-step: epoch 0 begun, one batch drawn, afterForward seen. */
function drawnSampler(name: string): { s: Sampler; batch: Batch } {
  const s = createSampler(name, { n: N, batchSize: B, rng: createRng(3).derive(name), labels });
  s.beginEpoch(0);
  const batch = s.next(drawCtx);
  const b = batch.indices.length;
  s.afterForward?.({
    batch,
    losses: new Float32Array(b).fill(1),
    output: new Float32Array(b * C).fill(0.5),
    outputGrad: new Float32Array(b * C).fill(0.1),
    numOutputs: C,
    labels: Int32Array.from(batch.indices, (i) => labels[i]),
  });
  if (isMisSampler(s)) s.setTechniqueScores(new Float64Array(b * C).fill(1), C);
  return { s, batch };
}

/** A finite observation of `batch`, with every field a sampler may read. */
function observation(batch: Batch): Observation {
  const b = batch.indices.length;
  return {
    indices: batch.indices,
    scores: new Float32Array(b).fill(2),
    losses: new Float32Array(b).fill(1),
    output: new Float32Array(b * C).fill(0.5),
    outputGrad: new Float32Array(b * C).fill(0.1),
    labels: Int32Array.from(batch.indices, (i) => labels[i]),
    step: 0,
  };
}

describe('checkObservation: every sampler rejects non-finite feedback the same way', () => {
  it('accepts finite observations (control: each sampler takes a clean observe)', () => {
    for (const name of samplerNames()) {
      const { s, batch } = drawnSampler(name);
      assert.doesNotThrow(() => s.observe(observation(batch)), name);
    }
  });

  const bad: Array<[keyof Observation, number, RegExp]> = [
    [
      'scores',
      Number.NaN,
      /obs\.scores\[1\]: importance score of sample index \d+ \(batch position 1\) is NaN/,
    ],
    [
      'scores',
      Number.POSITIVE_INFINITY,
      /obs\.scores\[1\]: importance score of sample index \d+ \(batch position 1\) is Infinity/,
    ],
    [
      'scores',
      -1,
      /obs\.scores\[1\]: importance score of sample index \d+ \(batch position 1\) is -1; .*≥ 0$/,
    ],
    [
      'losses',
      Number.NaN,
      /obs\.losses\[1\]: loss of sample index \d+ \(batch position 1\) is NaN; .*lowering the learning rate/,
    ],
    [
      'losses',
      Number.NEGATIVE_INFINITY,
      /obs\.losses\[1\]: loss of sample index \d+ \(batch position 1\) is -Infinity/,
    ],
    ['output', Number.NaN, /obs\.output\[1\]: output of sample index \d+ \(batch position 0\) is NaN/],
    [
      'outputGrad',
      Number.NaN,
      /obs\.outputGrad\[1\]: output gradient of sample index \d+ \(batch position 0\) is NaN/,
    ],
  ];
  for (const [field, value, message] of bad) {
    it(`every registered sampler's observe() rejects ${field} = ${value}`, () => {
      assert.ok(samplerNames().length >= 16, 'the built-in samplers are registered');
      for (const name of samplerNames()) {
        const { s, batch } = drawnSampler(name);
        const obs = observation(batch);
        (obs[field] as Float32Array)[1] = value;
        assert.throws(
          () => s.observe(obs),
          (e: Error) => {
            assert.ok(e instanceof RangeError, `${name}: ${e.message}`);
            assert.match(e.message, new RegExp(`^${name}: observe\\(\\): `), name);
            assert.match(e.message, message, name);
            assert.match(e.message, /must be finite/, name);
            return true;
          },
          name,
        );
      }
    });
  }

  it('names the sample, the position and the value; scores must also be ≥ 0', () => {
    const indices = Int32Array.of(5, 9);
    assert.throws(
      () => checkObservation('x', { indices, losses: Float32Array.of(1, Number.NaN) }),
      /^RangeError: x: observe\(\): obs\.losses\[1\]: loss of sample index 9 \(batch position 1\) is NaN; losses must be finite/,
    );
    assert.throws(
      () => checkObservation('x', { indices, losses: Float32Array.of(1, 1), scores: Float32Array.of(-2, 1) }),
      /obs\.scores\[0\]: importance score of sample index 5 \(batch position 0\) is -2; importance scores must be finite and ≥ 0$/,
    );
    assert.doesNotThrow(() =>
      checkObservation('x', { indices, losses: Float32Array.of(-1, 0), scores: Float32Array.of(0, 3) }),
    );
  });
  it('values a sampler gets from DrawContext.evaluate go through the same check (DLIS presample, OBS refresh)', () => {
    const nanAt = (field: 'scores' | 'losses'): DrawContext => ({
      step: 0,
      evaluate: (indices) => {
        const v = {
          losses: new Float32Array(indices.length).fill(1),
          scores: new Float32Array(indices.length).fill(1),
        };
        v[field][2] = Number.NaN;
        return v;
      },
    });
    const dlis = createSampler('presampling-is', { n: N, batchSize: B, rng: createRng(1) });
    dlis.beginEpoch(0);
    assert.throws(
      () => dlis.next(nanAt('scores')),
      /^RangeError: presampling-is: presample: evaluate\(\)\.scores\[2\]: importance score of sample index \d+ \(batch position 2\) is NaN/,
    );
    const obs = createSampler('obs', { n: N, batchSize: B, rng: createRng(1) }, { refreshFreq: 1 });
    obs.beginEpoch(0); // epoch 0: one sequential pass, no model access
    for (let t = 0; t < obs.stepsInEpoch(0); t++) {
      const batch = obs.next();
      obs.observe({ indices: batch.indices, losses: new Float32Array(batch.indices.length).fill(1) });
    }
    obs.endEpoch(0);
    obs.beginEpoch(1);
    assert.throws(
      () => obs.next(nanAt('losses')), // N samples seen: the first draw of epoch 1 refreshes the top losses
      /^RangeError: obs: loss refresh: evaluate\(\)\.losses\[2\]: loss of sample index \d+ \(batch position 2\) is NaN/,
    );
  });
});
