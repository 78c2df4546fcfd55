import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ablationConclusion,
  ablationConclusionTable,
  ablationOverview,
  ablationReference,
  formatNumber,
} from '../../src/sweep/ablation-conclusion.js';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { ablations, type AblationName } from '../../src/sweep/ablation-specs.js';
import { ablationFigures } from '../../src/sweep/run-ablation.js';
import { tailMean } from '../../src/stats/tail-mean.js';

// log10 of the metric per seed: the reference β = 0.7 has seed effects of ±0.1 (shared by every value, as runs
// with the same seed share data order and initialisation); the other values add a known per-seed offset.
const refLog = [-3, -2.9, -3.1];
const offsets: Record<string, number[]> = {
  '0': [0.5, 0.6, 0.4], // +0.5 ± sd 0.1: significantly higher
  '0.3': [0.1, -0.1, 0.05], // mean 0.0167, sd 0.104: not significant
  '0.7': [0, 0, 0],
  '0.9': [-0.19, -0.21, -0.2], // −0.2 ± sd 0.01: significantly lower, although the unpaired intervals overlap
};
const rows = Object.entries(offsets).flatMap(([beta, off]) =>
  [1, 2, 3].map((seed, i) => ({ beta: Number(beta), seed, excessLoss: 10 ** (refLog[i] + off[i]) })),
);
const T975_2 = 4.302652729749464; // Student-t 0.975 quantile, 2 degrees of freedom (float64 reference)
const close = (a: number | null, b: number, tol = 1e-9) =>
  assert.ok(a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

describe('ablationConclusionTable and summary', () => {
  it('gives the verdict in one sentence and per value a table with readable column names', () => {
    const c = ablationConclusion(rows, {
      key: 'beta',
      y: 'excessLoss',
      reference: 0.7,
      symbol: 'β',
      metric: 'tail loss',
    });
    // Ratio 0.9 vs 0.7: 10^mean(−0.19, −0.21, −0.2) = 10^−0.2 = 0.631, interval 10^(−0.2 ± 4.303·0.01/√3).
    assert.equal(
      c.summary,
      'Lowest tail loss at β = 0.9, ×0.631 the default β = 0.7 (95% CI [0.596, 0.668]): significantly lower.',
    );
    const t = ablationConclusionTable(c);
    assert.deepEqual(Object.keys(t[0]), [
      'β',
      'seeds',
      'geometric mean tail loss [95% CI]',
      'ratio to β = 0.7 [95% CI]',
      'paired seeds',
      'verdict',
    ]);
    assert.deepEqual(
      t.map((r) => [r['β'], r.verdict]),
      [
        [0, 'higher (worse)'],
        [0.3, 'no significant difference'],
        ['0.7 (default)', 'default'],
        [0.9, 'lower (better)'],
      ],
    );
    assert.equal(t[3]['ratio to β = 0.7 [95% CI]'], '0.631 [0.596, 0.668]');
    assert.equal(t[2]['ratio to β = 0.7 [95% CI]'], '', 'no ratio of the default to itself');
    const none = ablationConclusion(rows, { key: 'beta', y: 'excessLoss', reference: null, symbol: 'β' });
    assert.equal(none.referenceRow, null);
    assert.deepEqual(
      none.rows.map((r) => [r.value, r.verdict, r.vsReference, r.pairs]),
      [0, 0.3, 0.7, 0.9].map((v) => [v, 'no reference', null, []]),
    );
    assert.equal(none.summary, 'Lowest excessLoss at β = 0.9 (no reference value compared).');
    assert.match(none.text, /No reference value: the values are not compared pairwise\.$/);
    assert.deepEqual(Object.keys(ablationConclusionTable(none)[0]), [
      'β',
      'seeds',
      'geometric mean excessLoss [95% CI]',
    ]);
    const atDefault = ablationConclusion(rows, { key: 'beta', y: 'excessLoss', reference: 0.9, symbol: 'β' });
    assert.equal(atDefault.summary, 'Lowest excessLoss at the default β = 0.9.');
  });
});

describe('ablationConclusion', () => {
  it('per value: geometric mean over seeds with a t interval; paired ratios to the reference with verdicts', () => {
    const c = ablationConclusion(rows, { key: 'beta', y: 'excessLoss', reference: 0.7, symbol: 'β' });
    assert.deepEqual(
      c.rows.map((r) => [r.value, r.verdict]),
      [
        [0, 'higher'],
        [0.3, 'not significant'],
        [0.7, 'reference'],
        [0.9, 'lower'],
      ],
    );
    const r09 = c.rows[3];
    close(r09.mean, 10 ** -3.2);
    // unpaired interval of log10 values −3.19, −3.11, −3.3: sd 0.0954, so ± t·sd/√3 ≈ ± 0.237 (overlaps the reference's)
    const logs = [-3.19, -3.11, -3.3];
    const m = logs.reduce((s, v) => s + v, 0) / 3;
    const sd = Math.sqrt(logs.reduce((s, v) => s + (v - m) ** 2, 0) / 2);
    close(r09.upper, 10 ** (m + (T975_2 * sd) / Math.sqrt(3)));
    close(r09.vsReference, 10 ** -0.2);
    close(r09.vsReferenceLower, 10 ** (-0.2 - (T975_2 * 0.01) / Math.sqrt(3)));
    close(r09.vsReferenceUpper, 10 ** (-0.2 + (T975_2 * 0.01) / Math.sqrt(3)));
    assert.ok((r09.upper as number) > (c.referenceRow?.lower as number), 'unpaired intervals overlap');
    assert.deepEqual(r09.pairs, [1, 2, 3]);
    close(c.rows[0].vsReference, 10 ** 0.5);
    assert.deepEqual(c.rows[2].seeds, [1, 2, 3]);
    assert.equal(c.best.value, 0.9);
    assert.equal(c.referenceRow?.value, 0.7);
    assert.deepEqual([c.lower, c.higher], [[0.9], [0]]);
  });

  it('says in text which value is best, whether it beats the default, and every significant difference', () => {
    const c = ablationConclusion(rows, {
      key: 'beta',
      y: 'excessLoss',
      reference: 0.7,
      symbol: 'β',
      metric: 'tail excess loss',
    });
    assert.match(
      c.text,
      /^β \(seeds 1, 2, 3; lower tail excess loss is better; geometric means with 95% Student-t intervals\)/,
    );
    assert.match(c.text, /the lowest mean is at β = 0\.9, 6\.31e-4 \(95% CI \[/);
    assert.match(
      c.text,
      /β = 0\.9 vs the default, paired ratio: ×0\.631 \(95% CI \[0\.596, 0\.668\], 3 paired seeds\): significantly lower at 95%/,
    );
    assert.match(c.text, /significantly higher: β = 0 ×3\.16/);
    assert.match(c.text, /1 of 3 values differ from it by less than their intervals\.$/);
  });

  it('the default as best value, differences on the raw scale, too few pairs', () => {
    const c = ablationConclusion(rows, { key: 'beta', y: 'excessLoss', reference: 0.9 });
    assert.equal(c.best, c.referenceRow);
    assert.match(c.text, /The default is the best value tried\./);
    const lin = ablationConclusion(
      [
        { J: 1, seed: 1, y: 3 },
        { J: 1, seed: 2, y: 5 },
        { J: 2, seed: 1, y: 2 },
        { J: 2, seed: 2, y: 4.5 },
        { J: 4, seed: 1, y: 1 },
      ],
      { key: 'J', y: 'y', reference: 1, log10: false },
    );
    close(lin.rows[1].vsReference, -0.75); // mean of (2 − 3, 4.5 − 5)
    assert.equal(lin.rows[1].verdict, 'not significant');
    assert.equal(lin.rows[2].verdict, 'too few pairs');
    assert.equal(lin.rows[2].lower, null);
    assert.equal(lin.referenceRow?.vsReference, 0);
    assert.match(
      lin.text,
      /none; 1 of 2 values differ from it by less than their intervals; 1 could not be tested/,
    );
    assert.match(
      lin.text,
      /J = 4 vs the default, paired difference: -2 \(95% CI no interval, 1 paired seeds\): not testable/,
    );
  });

  it('rejects bad input naming it', () => {
    assert.throws(
      () => ablationConclusion([], { key: 'beta', y: 'excessLoss', reference: 0.7 }),
      /rows is empty/,
    );
    assert.throws(
      () => ablationConclusion(rows, { key: 'beta', y: 'excessLoss', reference: 0.5 }),
      /reference beta = 0\.5 is not among the swept values \(0, 0\.3, 0\.7, 0\.9\)/,
    );
    assert.throws(
      () =>
        ablationConclusion([{ seed: 1, excessLoss: 1 }], { key: 'beta', y: 'excessLoss', reference: 0.7 }),
      /row 0 has beta = undefined/,
    );
  });

  it('formatNumber: 3 significant digits, exponent form outside [1e-3, 1e4)', () => {
    assert.deepEqual([0.000123456, 0.00123456, 0.7, 12.345, 12345, 0, -0.5].map(formatNumber), [
      '1.23e-4',
      '0.00123',
      '0.7',
      '12.3',
      '1.23e+4',
      '0',
      '-0.5',
    ]);
  });
});

describe('ablationReference', () => {
  it('is the kit default of METHODS §9 for each ablation and one of its swept values', () => {
    const expected: Record<AblationName, number> = { alpha: 0.1, beta: 0.7, tau: 0, J: 2 };
    for (const name of Object.keys(ablations) as AblationName[]) {
      const ref = ablationReference(name);
      assert.equal(ref, expected[name], name);
      const grid = ablations[name].spec.grid as Record<string, unknown[]>;
      assert.ok(grid[ablations[name].key].includes(ref), `${name}: ${String(ref)} is swept`);
    }
    assert.throws(
      () => ablationReference('gamma' as AblationName),
      /unknown ablation 'gamma'; allowed: alpha, beta, tau, J/,
    );
  });
});

describe('ablationFigures', () => {
  it('builds the three figures and the conclusion the part writes, the slider opened at the default', () => {
    // A fake β sweep: 4 values × 3 seeds, evaluations at steps 0..160; the tail is the last 25% of evaluations.
    const evals = [0, 0.3, 0.7, 0.9].flatMap((beta) =>
      [1, 2, 3].flatMap((seed) =>
        Array.from({ length: 11 }, (_, i) => ({
          run: `omis-b${beta}-s${seed}`,
          method: 'omis',
          beta,
          seed,
          step: 16 * i,
          excessLoss: (1 + beta + 0.1 * seed) * 10 ** (-i / 5),
        })),
      ),
    );
    const data = {
      name: 'beta' as const,
      ablation: ablations.beta,
      trials: [],
      evals,
      tail: tailMean(evals, { y: 'excessLoss', geometric: true }),
    };
    const f = ablationFigures(data);
    assert.equal(f.title, 'Ablation over β (omis on poly6)');
    assert.equal(f.conclusion.reference, 0.7);
    assert.equal(f.conclusion.best.value, 0);
    assert.deepEqual(f.conclusion.lower, [0, 0.3]);
    assert.deepEqual(f.conclusion.higher, [0.9]);
    const slider = f.slider.layout.sliders?.[0];
    assert.equal(slider?.steps[slider.active].label, '0.7');
    assert.match(f.slider.layout.title?.text ?? '', /β = 0\.7<br>.*tail excess loss .*, the default/);
    // paired ratio β = 0.9 / β = 0.7 per seed: (1.9 + 0.1 s) / (1.7 + 0.1 s); its geometric mean over s = 1, 2, 3
    const ratio = Math.cbrt((2.0 / 1.8) * (2.1 / 1.9) * (2.2 / 2.0));
    assert.ok(
      (slider?.steps[3].args[1]['title.text'] ?? '').includes(`×${formatNumber(ratio)} the default (higher)`),
      `${formatNumber(ratio)}`,
    );
    for (const fig of [f.curves, f.slider]) {
      assert.ok(
        fig.data.every((t) => t.x.every((x) => x > 0)),
        'curves leave out step 0',
      );
    }
    assert.deepEqual(f.final.data.find((t) => t.mode === 'lines+markers')?.x, [0, 0.3, 0.7, 0.9]);
  });
});

describe('ablationOverview', () => {
  it('lists each ready ablation with its values, seeds, trial count and default', () => {
    const rows = ablationOverview();
    assert.deepEqual(
      rows.map((r) => [r.ablation, r.symbol, r.method, r.default]),
      [
        ['alpha', 'α', 'is', 0.1],
        ['beta', 'β', 'omis', 0.7],
        ['tau', 'τ', 'emais', 0],
        ['J', 'J', 'omis', 2],
      ],
    );
    for (const r of rows) {
      assert.equal(r.trials, expandTrials(ablations[r.ablation].spec).length, r.ablation);
      assert.equal(r.task, 'poly6');
    }
    assert.equal(rows[1].values, '0, 0.3, 0.7, 0.9, 0.99');
    assert.equal(rows[1].seeds, '1, 2, 3');
  });
});
