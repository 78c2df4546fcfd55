import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import { emaisRunOptions } from '../../../src/papers/emais/fmnist.js';
import { adamStudy, budgetTableHtml, emaisTable6Adam } from '../../../src/papers/emais/table6-adam.js';
import { formatMeanCi, meanCi } from '../../../src/stats/seed-summary.js';
import { studyRunFixture as run } from '../../helpers/study-runs.js';

const seeds = [1, 2, 3];
const o = { seeds, scale: 'quick' as const };
const methods = ['Adam-Scan', 'Adam-Uni', 'RAIS-Adam', 'EMAIS-Adam'];

describe('budgetTableHtml and adamStudy ([EMAIS] Table 6)', () => {
  // per budget T ∈ {40, 80}: uniform ≈ 0.20, RAIS and EMAIS ≈ 0.15 (EMAIS − RAIS = ±0.002)
  const base: Record<string, number> = {
    'Adam-Scan': 0.2,
    'Adam-Uni': 0.21,
    'RAIS-Adam': 0.15,
    'EMAIS-Adam': 0.15,
  };
  const runs = [40, 80].flatMap((T) =>
    seeds.flatMap((seed) =>
      methods.map((m) =>
        run(m, seed, () => 0.5, base[m] + 0.002 * (seed - 2) * (m === 'EMAIS-Adam' ? -1 : 1), 0.3, T),
      ),
    ),
  );

  it('tabulates mean ± 95% t per budget in %, bolding the best and every mean inside its interval', () => {
    const html = budgetTableHtml('T6', runs, methods);
    const rows = html.split('<tr>').slice(2); // header, then one row per budget
    assert.equal(rows.length, 2);
    assert.ok(rows[0].startsWith('<td>40</td>'));
    const cells = rows[0].match(/<td>(.*?)<\/td>/g) ?? [];
    // Adam-Scan: 20.0 ± 0.497 (2·t·0.2/√3 = 4.303·0.2/√3); RAIS and EMAIS 15.0 (both bold: within the best's interval)
    assert.equal(cells[1], `<td>${formatMeanCi(meanCi([19.8, 20, 20.2]), 3)}</td>`);
    assert.ok(cells[3].startsWith('<td><b>15.0 ±'), cells[3]);
    assert.ok(cells[4].startsWith('<td><b>15.0 ±'), cells[4]);
    assert.ok(!cells[1].includes('<b>'));
  });

  it('captions the paired differences and agrees with the paper when EMAIS-Adam beats the uniform ones', () => {
    const [t] = adamStudy(runs, o);
    assert.equal(t.file, 'emais-table6');
    assert.ok(t.html?.includes('EMAIS-Adam: test error %'));
    assert.ok(t.caption.includes('Agrees with [EMAIS] Table 6'), t.caption);
    assert.ok(t.caption.includes('as in the paper, EMAIS-Adam and RAIS-Adam are comparable'), t.caption);
    assert.ok(t.caption.includes('EMAIS-Adam − Adam-Scan: T = 40: -5.00 ± '), t.caption);
    assert.ok(t.caption.startsWith('Adam (lr 1e-3, cosine decay'), t.caption);
    assert.ok(adamStudy(runs, { ...o, lr: 5e-4 })[0].caption.startsWith('Adam (lr 5e-4, cosine'));
  });

  it('with one seed says that no interval tests the claims instead of calling n = 1 "comparable"', () => {
    const one = { seeds: [1], scale: 'quick' as const };
    const t6 = adamStudy(
      methods.map((m) => run(m, 1, () => 0.5, 0.2)),
      one,
    );
    assert.ok(t6[0].caption.includes('One seed, so no interval: [EMAIS] Table 6'), t6[0].caption);
    assert.ok(t6[0].caption.includes('nor is its "comparable with RAIS-Adam"'), t6[0].caption);
  });
});

describe('emais/table6-adam settings and plan', () => {
  const plan = (set: Record<string, unknown>) =>
    emaisTable6Adam.plan(resolveFigureSettings(emaisTable6Adam, {}, set).settings as never).runs;
  const arms = [
    ['Adam-Scan', 'uniform'],
    ['Adam-Uni', 'uniform-replace'],
    ['RAIS-Adam', 'rais'],
    ['EMAIS-Adam', 'emais'],
  ] as const;
  const expected = (epochs: number, lr: number, at = seeds) =>
    arms.flatMap(([, method]) =>
      at.map((seed) => emaisRunOptions({ scale: 'quick' }, { method, epochs, optimizer: 'adam', lr }, seed)),
    );

  it('at the default settings: the four arms under Adam lr 1e-3 at 4 epochs (quick), none shared', () => {
    const runs = plan({});
    assert.deepEqual(
      runs.map((r) => r.options),
      expected(4, 1e-3),
    );
    assert.deepEqual(
      runs.map((r) => r.tags?.label),
      arms.flatMap(([label]) => seeds.map(() => label)),
    );
    assert.ok(runs.every((r) => r.tags?.shared === 0));
    const full = plan({ scale: 'full', seeds: [1] }).map((r) => r.options.epochs);
    assert.deepEqual(full, [13, 13, 13, 13, 27, 27, 27, 27, 54, 54, 54, 54]);
  });

  it('lr changes only the step size of every run; epochs gives one budget per value', () => {
    assert.deepEqual(
      plan({ lr: 5e-4 }).map((r) => r.options),
      expected(4, 5e-4),
    );
    assert.deepEqual(
      plan({ epochs: [3, 5], seeds: [2] }).map((r) => r.options),
      [...expected(3, 1e-3, [2]), ...expected(5, 1e-3, [2])],
    );
  });

  it('a bad budget or step size is an error naming the figure and the setting', () => {
    assert.throws(
      () => plan({ epochs: [0] }),
      /figure emais\/table6-adam: setting epochs must be distinct integers ≥ 1 .*got 0/,
    );
    assert.throws(() => plan({ lr: 0 }), /figure emais\/table6-adam: setting lr must be a number > 0, got 0/);
  });
});
