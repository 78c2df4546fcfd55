import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { from } from 'arquero';
import { resolveFigureSettings, type LoadedRun } from '../../../src/experiments/figure-spec.js';
import { emaisFig6LrAdjust, lrVariantOptions } from '../../../src/papers/emais/fig6-lr-adjust.js';
import { emaisEpochs, emaisRunOptions, emaisSmooth } from '../../../src/papers/emais/fmnist.js';

const resolve = (set: Record<string, unknown>) =>
  resolveFigureSettings(emaisFig6LrAdjust, {}, set).settings as never;
const plan = (set: Record<string, unknown>) => emaisFig6LrAdjust.plan(resolve(set));

describe('emais/fig6-lr-adjust settings and plan', () => {
  it("at the default settings: per seed the three Eq. 8 variants with the EMAIS part's run options", () => {
    for (const scale of ['quick', 'full'] as const) {
      const runs = plan({ scale }).runs;
      assert.deepEqual(
        runs.map((r) => r.options),
        [1, 2, 3].flatMap((seed) =>
          [
            { method: 'emais' },
            ...['sqrt', 'off'].map((v) => ({ method: 'emais', methodOptions: { lrAdjust: v } })),
          ].map((m) => emaisRunOptions({ scale }, m, seed)),
        ),
      );
      assert.deepEqual(runs[2].tags, { variant: 'EMAIS lrAdjust off', seed: 1 });
    }
    // 'linear' has no option: the same run (key) as the EMAIS part's Linear-τ run
    assert.deepEqual(lrVariantOptions('linear'), { method: 'emais' });
  });

  it('a changed epochs setting changes only the epochs of every run; smooth changes no run', () => {
    const base = plan({}).runs.map((r) => r.options);
    const three = plan({ epochs: 3, seeds: [1, 2, 3] }).runs.map((r) => r.options);
    assert.deepEqual(
      three,
      base.map((o) => ({ ...o, epochs: 3 })),
    );
    assert.deepEqual(plan({ smooth: 7 }).runs, plan({}).runs);
    assert.deepEqual(
      plan({ seeds: [4] }).runs.map((r) => r.options.seed),
      [4, 4, 4],
    );
  });

  it("0 stands for the scale's epochs and smooth window", () => {
    assert.equal(emaisEpochs({ scale: 'quick', epochs: 0 }), 6);
    assert.equal(emaisEpochs({ scale: 'full', epochs: 0 }), 54);
    assert.equal(emaisEpochs({ scale: 'full', epochs: 5 }), 5);
    assert.equal(emaisSmooth({ scale: 'quick', smooth: 0 }), 20);
    assert.equal(emaisSmooth({ scale: 'full', smooth: 0 }), 200);
    assert.equal(emaisSmooth({ scale: 'full', smooth: 3 }), 3);
  });

  it('a bad epochs or smooth value is an error naming the figure and the setting', () => {
    assert.throws(
      () => plan({ epochs: 2 }),
      new RangeError(
        "figure emais/fig6-lr-adjust: setting epochs must be 0 (the scale's) or more than the 2 SGD-Scan " +
          'warm-up epochs of EMAIS, got 2',
      ),
    );
    assert.throws(
      () => plan({ epochs: -1 }),
      /figure emais\/fig6-lr-adjust: setting epochs must be an integer ≥ 0/,
    );
    assert.throws(
      () => plan({ smooth: -1 }),
      /figure emais\/fig6-lr-adjust: setting smooth must be an integer ≥ 0/,
    );
  });
});

/** A loaded run with hand-made records: 4 epochs of 2 steps, B_eff = `ems` after the warm-up. */
function fakeRun(variant: string, seed: number, finalLoss: number, ems: number): LoadedRun {
  const steps = Array.from({ length: 8 }, (_, step) => {
    const epoch = Math.floor(step / 2);
    return { step, epoch, lr: 0.01, ems: epoch < 2 ? 128 : ems, msCpu: 500 };
  });
  const evals = [1, 2, 3, 4].map((epoch) => ({
    epoch,
    testError: 0.1 + seed / 100,
    trainLoss: epoch === 4 ? finalLoss : 1,
  }));
  return { steps: from(steps), evals: from(evals), tags: { variant, seed } } as unknown as LoadedRun;
}

describe('emais/fig6-lr-adjust make', () => {
  it('train-loss verdict from the paired difference linear − off; B_eff/B of the off arm', async () => {
    const runs = [1, 2, 3].flatMap((seed) => [
      fakeRun('EMAIS lrAdjust linear', seed, 0.5 + seed / 1000, 100),
      fakeRun('EMAIS lrAdjust sqrt', seed, 0.6, 100),
      fakeRun('EMAIS lrAdjust off', seed, 0.7, 192), // B_eff/B = 1.5 after the warm-up
    ]);
    const out = await emaisFig6LrAdjust.make({ runs, computed: [], log: () => {}, results: '' }, resolve({}));
    assert.deepEqual(
      out.map((o) => o.file),
      ['emais-fig6-test-error', 'emais-fig6-train-loss', 'emais-fig6-lr'],
    );
    assert.match(out[0].caption, /^EMAIS \(Linear-τ\)/);
    assert.match(out[0].caption, /Agrees with \[EMAIS\] Fig\. 6 on the train loss/);
    assert.match(out[0].caption, /Cost: 36 s CPU/); // 9 runs × 8 steps × 500 ms
    assert.match(out[2].caption, /B_eff\/B averages 1\.50 ± 0\.00 \(n = 3\)/);
    assert.match(out[2].caption, /the scaled LR lies below the schedule, as in \[EMAIS\] Fig\. 6\./);
    // the off runs' loss below the linear ones': the verdict turns
    const swapped = runs.map((r) =>
      r.tags.variant === 'EMAIS lrAdjust off'
        ? fakeRun('EMAIS lrAdjust off', r.tags.seed as number, 0.4, 128)
        : r,
    );
    const [err] = await emaisFig6LrAdjust.make(
      { runs: swapped, computed: [], log: () => {}, results: '' },
      resolve({}),
    );
    assert.match(err.caption, /Differs from \[EMAIS\] Fig\. 6 on the train loss \(not lower with Eq\. 8\)/);
  });
});
