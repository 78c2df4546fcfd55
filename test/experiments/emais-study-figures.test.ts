import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adamStudy,
  budgetStudy,
  budgetTableHtml,
  emaisStudyDefaults,
  finalEval,
  refreshStudy,
  type StudyRun,
} from '../../src/experiments/emais-study-figures.js';
import { pairedDifference } from '../../src/stats/verdict.js';
import { formatMeanCi, meanCi } from '../../src/stats/seed-summary.js';

const seeds = [1, 2, 3];
const o = { seeds, scale: 'quick' as const, smooth: 1 };

/**
 * A synthetic run: 4 epochs of 10 steps (2 warm-up epochs with s = 1), efficiency `eff(step)` after the
 * warm-up, and one evaluation per epoch whose last test error is `err` and train loss `loss`.
 */
function run(
  label: string,
  seed: number,
  eff: (step: number) => number,
  err: number,
  loss = 0.3,
  iters = 40,
): StudyRun {
  const steps = Array.from({ length: iters }, (_, step) => {
    const epoch = Math.floor(step / (iters / 4));
    return { step, epoch, efficiency: epoch < 2 ? 1 : eff(step), msCpu: 10 };
  });
  const evals = [1, 2, 3, 4].map((epoch) => ({
    epoch,
    step: (epoch * iters) / 4,
    testError: epoch === 4 ? err : 0.5,
    trainLoss: epoch === 4 ? loss : 1,
  }));
  return { label, seed, iters, evals, steps };
}

describe('pairedDifference and finalEval', () => {
  it('pairs by position and signs the 95% interval (hand-worked)', () => {
    // differences −1, −1, −2: mean −4/3, sd 0.57735, half = 4.3027·0.57735/√3 = 1.4343 → [−2.768, 0.101]
    const d = pairedDifference([1, 2, 3], [2, 3, 5]);
    assert.ok(Math.abs(d.mean + 4 / 3) <= 1e-12);
    assert.ok(Math.abs((d.halfWidth ?? NaN) - 1.4343) <= 1e-4, `half ${d.halfWidth}`);
    assert.equal(d.sign, 0, 'the interval contains 0');
    assert.equal(pairedDifference([1, 2, 3], [2.1, 3, 4.05]).sign, -1); // −1.1, −1, −1.05
    assert.equal(pairedDifference([2], [1]).sign, 0, 'n = 1 resolves nothing');
    assert.throws(() => pairedDifference([1], [1, 2]), /equally long non-empty lists, got 1 and 2/);
    assert.equal(finalEval([{ testError: 0.3 }, { testError: 0.2 }], 'testError'), 0.2);
    assert.ok(Number.isNaN(finalEval([], 'testError')));
  });
});

describe('refreshStudy ([EMAIS] Fig. 7)', () => {
  // no refresh: s = 0.5 + 0.01·seed after the warm-up; K = 5: 0.1 lower (± 0.01·(seed − 2)) in the early half
  // (steps 20–29 of T = 40), equal later; final errors equal up to ±0.001
  const runs = seeds.flatMap((seed) => [
    run('none', seed, () => 0.5 + 0.01 * seed, 0.2 + 0.001 * seed),
    run(
      'K=5',
      seed,
      (t) => 0.5 + 0.01 * seed + (t < 30 ? -0.1 + 0.01 * (seed - 2) : 0),
      0.2 + 0.001 * seed + 0.001 * (seed - 2),
    ),
  ]);
  const out = refreshStudy(runs, 'none', ['none', 'K=5'], { none: 'no refresh', 'K=5': 'every 5' }, o);

  it('writes three figures with one band and one line per curve, legend from the labels', () => {
    assert.deepEqual(
      out.map((x) => x.file),
      ['emais-fig7-efficiency', 'emais-fig7-test-error', 'emais-fig7-train-loss'],
    );
    for (const x of out) {
      const names = (x.figure?.data ?? []).map((t) => t.name);
      assert.deepEqual(names, ['no refresh 95% CI', 'every 5 95% CI', 'no refresh', 'every 5']);
    }
  });

  it('states the computed early difference and both verdicts', () => {
    const early = meanCi([-0.11, -0.1, -0.09]);
    const cap = out[0].caption;
    assert.ok(cap.includes(`difference to no refresh ${formatMeanCi(early, 3)} in the first half`), cap);
    assert.ok(cap.includes('Agrees with [EMAIS] Fig. 7: the efficiency score is lower with refreshes'), cap);
    assert.ok(cap.includes('seeds 1, 2, 3'));
    assert.ok(out[1].caption.includes('Agrees with [EMAIS] Fig. 7: train loss and test error are unchanged'));
    // differences of the final test error −0.001, 0, +0.001 → 0.00 ± 0.248 points
    assert.ok(
      out[1].caption.includes('difference to no refresh 0.00 ± 0.248 (n = 3) points'),
      out[1].caption,
    );
  });

  it('says when refreshes do not lower s, and fails on a missing run', () => {
    const flat = seeds.flatMap((seed) => [
      run('none', seed, () => 0.5, 0.2),
      run('K=5', seed, () => 0.6 + 0.01 * seed, 0.3 + 0.01 * seed),
    ]);
    const [eff, err] = refreshStudy(flat, 'none', ['none', 'K=5'], {}, o);
    assert.ok(eff.caption.includes('Differs from [EMAIS] Fig. 7: refreshes do not lower'), eff.caption);
    assert.ok(err.caption.includes('Differs in part from [EMAIS] Fig. 7'), err.caption);
    assert.throws(
      () => refreshStudy(flat.slice(1), 'none', ['none', 'K=5'], {}, o),
      /no run 'none' for seed 1/,
    );
  });
});

describe('budgetTableHtml and adamStudy ([EMAIS] Table 6)', () => {
  const methods = ['Adam-Scan', 'Adam-Uni', 'RAIS-Adam', 'EMAIS-Adam'];
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
  });
});

describe('budgetStudy ([EMAIS] Fig. 10)', () => {
  const runs = [40, 80].flatMap((T) =>
    seeds.flatMap((seed) => [
      run('EMAIS Linear-τ', seed, () => 0.4 + 0.01 * seed, 0.15 - 0.001 * seed, 0.3, T),
      run('SGD-Scan', seed, () => 1, 0.2 - 0.0005 * seed, 0.3, T),
    ]),
  );
  const [eff, err] = budgetStudy(runs, o);

  it('draws s per budget and the final test error against T per method', () => {
    assert.deepEqual(
      eff.figure?.data.filter((t) => t.mode !== 'none').map((t) => t.name),
      ['EMAIS Linear-τ, T = 40', 'EMAIS Linear-τ, T = 80'],
    );
    const lines = (err.figure?.data ?? []).filter((t) => t.mode !== 'none');
    assert.deepEqual(
      lines.map((t) => [t.name, t.x]),
      [
        ['SGD-Scan', [40, 80]],
        ['EMAIS Linear-τ', [40, 80]],
      ],
    );
  });

  it('gives the tail mean of s per budget and the paired difference per budget, with verdicts', () => {
    const tail = meanCi([0.41, 0.42, 0.43]);
    assert.ok(eff.caption.includes(`T = 40: ${formatMeanCi(tail, 3)}`), eff.caption);
    assert.ok(eff.caption.includes('Linear-τ keeps s below 1'), eff.caption);
    // EMAIS − SGD-Scan = −0.05 − 0.0005·seed: −5.05, −5.10, −5.15 points → mean −5.10, half 4.303·0.05/√3 = 0.124
    assert.ok(
      err.caption.includes('EMAIS Linear-τ − SGD-Scan: T = 40: -5.10 ± 0.124 (n = 3) points'),
      err.caption,
    );
    assert.ok(err.caption.includes('Agrees with [EMAIS] Table 2'), err.caption);
  });
});

describe('one seed', () => {
  it('says that no interval tests the paper’s claims instead of calling n = 1 "unchanged" or "comparable"', () => {
    const one = { seeds: [1], scale: 'quick' as const, smooth: 1 };
    const fig7 = refreshStudy(
      [run('none', 1, () => 0.5, 0.2), run('K=5', 1, () => 0.4, 0.21)],
      'none',
      ['none', 'K=5'],
      {},
      one,
    );
    assert.ok(fig7[0].caption.includes('One seed, so no interval; by the means: Agrees'), fig7[0].caption);
    assert.ok(
      fig7[1].caption.includes('One seed: whether train loss and test error are unchanged'),
      fig7[1].caption,
    );
    const t6 = adamStudy(
      ['Adam-Scan', 'Adam-Uni', 'RAIS-Adam', 'EMAIS-Adam'].map((m) => run(m, 1, () => 0.5, 0.2)),
      one,
    );
    assert.ok(t6[0].caption.includes('One seed, so no interval: [EMAIS] Table 6'), t6[0].caption);
    assert.ok(t6[0].caption.includes('nor is its "comparable with RAIS-Adam"'), t6[0].caption);
    const f10 = budgetStudy(
      [run('EMAIS Linear-τ', 1, () => 0.4, 0.2), run('SGD-Scan', 1, () => 1, 0.19)],
      one,
    );
    assert.ok(f10[1].caption.includes('One seed, so no interval: [EMAIS] Table 2'), f10[1].caption);
  });
});

describe('emaisStudyDefaults', () => {
  it('full scale uses the paper’s FMNIST budgets (6250, 12500, 25000 iterations ≈ 13, 27, 54 epochs of 469 steps)', () => {
    for (const [e, T] of [
      [13, 6250],
      [27, 12500],
      [54, 25000],
    ]) {
      assert.ok(Math.abs(e * 469 - T) / T < 0.03, `${e} epochs ≈ ${T} iterations`);
    }
    assert.deepEqual(emaisStudyDefaults.full.adamEpochs, [13, 27, 54]);
    assert.deepEqual(emaisStudyDefaults.full.budgetEpochs, [13, 27, 54]);
    assert.ok(
      emaisStudyDefaults.quick.budgetEpochs.every((e) => e > 2),
      'longer than the 2 warm-up epochs',
    );
  });
});
