import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareArms, formatArmComparison, formatSignificant } from '../../src/stats/verdict.js';

// t_{0.975, 2} (float64 reference, e.g. scipy.stats.t.ppf(0.975, 2))
const T2 = 4.302652729911275;

/** Four evaluations per run (steps 1–4); y at step s = base · f(seed) · s / 4 (tail of 50% = steps 3, 4). */
function rows(
  arms: Record<string, number>,
  cpuPerStep: Record<string, number> = {},
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const seedFactor: Record<number, number> = { 1: 1, 2: 2, 3: 4 };
  for (const [arm, base] of Object.entries(arms)) {
    for (const seed of [1, 2, 3]) {
      for (const step of [1, 2, 3, 4]) {
        out.push({
          curve: arm,
          seed,
          step,
          loss: (base * seedFactor[seed] * step) / 4,
          cpu: step * (cpuPerStep[arm] ?? 1),
        });
      }
    }
  }
  return out;
}

const close = (a: number | null, b: number, tol = 1e-12) =>
  assert.ok(a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

describe('compareArms', () => {
  it('tail-averages each run and gives the mean and 95% t-interval over seeds (arithmetic)', () => {
    const c = compareArms(rows({ A: 8, B: 4 }), { by: 'curve', y: 'loss', baseline: 'A', fraction: 0.5 });
    // A, seed k: mean of y at steps 3, 4 = 8·f·(3 + 4)/8 = 7·f, f = 1, 2, 4 → 7, 14, 28
    const a = c.arms.find((x) => x.arm === 'A');
    assert.ok(a);
    close(a.mean, 49 / 3);
    const sd = Math.sqrt(((7 - 49 / 3) ** 2 + (14 - 49 / 3) ** 2 + (28 - 49 / 3) ** 2) / 2);
    close(a.upper, 49 / 3 + (T2 * sd) / Math.sqrt(3), 1e-9); // the kit's t quantile is good to ~1e-11
    close(a.lower, 49 / 3 - (T2 * sd) / Math.sqrt(3), 1e-9);
    assert.deepEqual(a.seeds, [1, 2, 3]);
    assert.equal(a.vsBaseline, null);
    assert.equal(a.verdict, null);
    // B − A per seed: 3.5·f − 7·f = −3.5, −7, −14
    const b = c.arms.find((x) => x.arm === 'B');
    assert.ok(b?.vsBaseline);
    close(b.vsBaseline.estimate, -24.5 / 3);
    assert.equal(b.vsBaseline.n, 3);
  });

  it('with log10 gives geometric means and paired ratios; a constant ratio has a zero-width interval', () => {
    const c = compareArms(rows({ SGD: 8, IS: 2 }), {
      by: 'curve',
      y: 'loss',
      baseline: 'SGD',
      fraction: 0.5,
      log10: true,
      order: ['IS', 'SGD'],
    });
    assert.deepEqual(
      c.arms.map((a) => a.arm),
      ['IS', 'SGD'],
    );
    const sgd = c.arms[1];
    // SGD seed k: geometric mean of 6f and 8f = f·√48 → geometric mean over f = 1, 2, 4 is 2·√48
    close(sgd.mean, 2 * Math.sqrt(48));
    const is = c.arms[0];
    assert.ok(is.vsBaseline);
    close(is.vsBaseline.estimate, 0.25);
    close(is.vsBaseline.lower, 0.25);
    close(is.vsBaseline.upper, 0.25);
    assert.equal(is.verdict, 'lower');
  });

  it('says unclear when the paired interval includes no change, higher when it lies above', () => {
    const r = rows({ U: 4, V: 4, W: 8 });
    // V: seed 1 lower, seed 2 higher, seed 3 equal → interval around 1
    for (const row of r) {
      if (row.curve === 'V' && row.seed === 1) row.loss = (row.loss as number) / 2;
      if (row.curve === 'V' && row.seed === 2) row.loss = (row.loss as number) * 2;
    }
    const c = compareArms(r, { by: 'curve', y: 'loss', baseline: 'U', log10: true, fraction: 0.5 });
    assert.equal(c.arms.find((a) => a.arm === 'V')?.verdict, 'unclear');
    assert.equal(c.arms.find((a) => a.arm === 'W')?.verdict, 'higher');
  });

  it('at equal budget reads every run within the baseline total on the axis', () => {
    // U uses 1 cpu per step (total 4); S uses 2 per step, so only its steps 1, 2 are within the budget
    const c = compareArms(rows({ U: 4, S: 4 }, { S: 2 }), {
      by: 'curve',
      y: 'loss',
      baseline: 'U',
      fraction: 0.5,
      log10: true,
      budgetAxis: 'cpu',
    });
    assert.deepEqual(c.budget, { axis: 'cpu', value: 4 });
    // U tail: steps 3, 4 → geometric mean f·√12; S keeps steps 1, 2, its 50% tail is step 2: 2f → ratio 2/√12
    close(c.arms.find((a) => a.arm === 'S')?.vsBaseline?.estimate ?? NaN, 2 / Math.sqrt(12));
  });

  it('fraction 1e-9 reads the final evaluation only', () => {
    const c = compareArms(rows({ A: 4 }), { by: 'curve', y: 'loss', baseline: 'A', fraction: 1e-9 });
    close(c.arms[0].mean, (4 + 8 + 16) / 3);
  });

  it('throws on a missing baseline, a bad fraction and a non-finite metric, naming them', () => {
    assert.throws(
      () => compareArms(rows({ A: 1 }), { by: 'curve', y: 'loss', baseline: 'Z' }),
      /baseline curve = 'Z'.*arms: A/,
    );
    assert.throws(
      () => compareArms(rows({ A: 1 }), { by: 'curve', y: 'loss', baseline: 'A', fraction: 0 }),
      /fraction must be in \(0, 1\], got 0/,
    );
    const r = rows({ A: 1 });
    r[2].loss = NaN;
    assert.throws(
      () => compareArms(r, { by: 'curve', y: 'loss', baseline: 'A' }),
      /curve 'A' seed 1 has loss = NaN/,
    );
    assert.throws(
      () => compareArms(rows({ A: 1 }), { by: 'curve', y: 'loss', baseline: 'A', budgetAxis: 'nope' }),
      /no 'A' rows with a finite nope/,
    );
  });
});

describe('formatArmComparison', () => {
  it('states each arm with its interval and the paper claims as matches / not resolved / differs', () => {
    const r = rows({ SGD: 8, IS: 2, V: 8, W: 16 });
    for (const row of r) {
      if (row.curve === 'V' && row.seed === 1) row.loss = (row.loss as number) / 2;
      if (row.curve === 'V' && row.seed === 2) row.loss = (row.loss as number) * 2;
    }
    const c = compareArms(r, { by: 'curve', y: 'loss', baseline: 'SGD', log10: true, fraction: 0.5 });
    const s = formatArmComparison(c, { paperLower: ['IS', 'V', 'W'], paper: '[MIS] Fig. 2', digits: 2 });
    assert.match(
      s,
      /^loss, geometric mean of the last 50% of evaluations \[95% t-interval\] over seeds 1, 2, 3:/,
    );
    assert.match(s, /IS 3\.5 \[[^\]]+\], ratio to SGD 0\.25 \[0\.25, 0\.25\] \(n = 3\)/);
    assert.match(
      s,
      /Against \[MIS\] Fig\. 2: IS lower than SGD: matches; V lower than SGD: not resolved \(the interval includes no change\); W lower than SGD: differs\.$/,
    );
  });

  it('names the budget and writes differences for arithmetic comparisons', () => {
    const c = compareArms(rows({ U: 4, S: 4 }, { S: 2 }), {
      by: 'curve',
      y: 'loss',
      baseline: 'U',
      budgetAxis: 'cpu',
    });
    const s = formatArmComparison(c);
    assert.match(s, /^loss within cpu ≤ 4\.00 \(U's total\), mean of the last 25% of evaluations/);
    assert.match(s, /difference to U/);
    assert.doesNotMatch(s, /Against/);
  });
});

describe('formatSignificant', () => {
  it('uses exponent form below 1e-3 and from 1e4, precision form between, a dash for null', () => {
    assert.equal(formatSignificant(0.000239, 3), '2.39e-4');
    assert.equal(formatSignificant(0.00239, 3), '0.00239');
    assert.equal(formatSignificant(-12345, 2), '-1.2e+4');
    assert.equal(formatSignificant(0, 3), '0.00');
    assert.equal(formatSignificant(null), '–');
  });
});
