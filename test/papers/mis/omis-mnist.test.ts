import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../../src/builtins.js';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import { reproduce } from '../../../src/experiments/reproduce.js';
import {
  lossRiseCheck,
  misOmisMnist,
  omisDiagnosticsFigure,
  omisEpochDiagnostics,
  omisMnistCaption,
  omisMnistCurves,
  omisMnistEpochs,
  omisMnistTable,
  omisMnistTableHtml,
  OMIS_DIAGNOSTIC_PANELS,
} from '../../../src/papers/mis/omis-mnist.js';

const EPS = 1e-12; // float64 arithmetic on a handful of numbers

/**
 * Hand-made evaluations, seeds 1–3, epochs 0–2. Final test error: uniform 0.06 + 0.001·s, IS 0.05 + 0.001·s,
 * omis-j2 IS + (−0.002, 0, +0.002) (tied), omis-j4 IS − 0.01 − 0.001·s (below IS). Train loss: 2 → 1 → 0.5 for
 * every curve except omis-j4, whose loss rises 0.4 → 0.6 + 0.01·s at epoch 2 (sd 0.01 < rise).
 */
function evals() {
  const rows: Record<string, unknown>[] = [];
  const d2 = [-0.002, 0, 0.002];
  for (const seed of [1, 2, 3]) {
    const is = 0.05 + 0.001 * seed;
    const final: Record<string, number> = {
      uniform: 0.06 + 0.001 * seed,
      is,
      'omis-j2': is + d2[seed - 1],
      'omis-j4': is - 0.01 - 0.001 * seed,
    };
    for (const curve of Object.keys(final)) {
      const loss = curve === 'omis-j4' ? [2, 0.4, 0.6 + 0.01 * seed] : [2, 1, 0.5];
      for (const epoch of [0, 1, 2]) {
        rows.push({
          curve,
          seed,
          epoch,
          trainLoss: loss[epoch],
          testError: epoch === 2 ? final[curve] : 0.9,
        });
      }
    }
  }
  return rows;
}

describe('lossRiseCheck', () => {
  it('finds the largest rise of the seed-mean loss and compares it with the seed sd (hand-worked)', () => {
    const r = new Map(lossRiseCheck(evals()).map((x) => [x.curve, x]));
    const is = r.get('is')!;
    assert.ok(Math.abs(is.rise - -0.5) < EPS); // 1 → 0.5 is the larger (less negative) of −1, −0.5
    assert.equal(is.epoch, 2);
    assert.equal(is.sd, 0);
    assert.equal(is.ok, true);
    const j4 = r.get('omis-j4')!;
    assert.ok(Math.abs(j4.rise - 0.22) < EPS, String(j4.rise)); // mean 0.62 − 0.4
    assert.ok(Math.abs(j4.sd - 0.01) < EPS); // sd of 0.61, 0.62, 0.63
    assert.equal(j4.ok, false);
  });

  it('needs two evaluations per curve', () => {
    assert.throws(
      () => lossRiseCheck([{ curve: 'a', seed: 1, epoch: 0, trainLoss: 1 }]),
      /curve 'a' has fewer than two/,
    );
  });
});

describe('omisMnistTable and its caption', () => {
  it('pairs every curve with IS and uniform by seed and says which OMIS agrees with [MIS] Fig. 3', () => {
    const t = new Map(omisMnistTable(evals()).map((r) => [r.curve, r]));
    assert.deepEqual(t.get('is')!.seeds, [1, 2, 3]);
    assert.ok(Math.abs(t.get('is')!.error.mean - 0.052) < EPS);
    assert.equal(t.get('is')!.vsIs, null);
    assert.ok(Math.abs(t.get('uniform')!.vsIs!.mean - 0.01) < EPS);
    assert.ok(Math.abs(t.get('omis-j2')!.vsIs!.mean) < EPS);
    // sd of (−0.002, 0, 0.002) = 0.002; half = 4.3027 · 0.002/√3 = 0.0049683
    assert.ok(Math.abs((t.get('omis-j2')!.vsIs!.halfWidth ?? NaN) - 0.0049683) < 1e-6);
    assert.ok(Math.abs(t.get('omis-j4')!.vsUniform!.mean - -0.022) < EPS); // (−0.01 − 0.002 − 0.01) mean
    const c = omisMnistCaption([...t.values()], 'toy');
    assert.match(c, /omis-j2 − IS 0\.00 ± 0\.00497 \(n = 3\): the interval contains 0, tied with IS/);
    assert.match(c, /omis-j4 − IS -0\.0120 ± 0\.00248 \(n = 3\): below IS \(agrees\)/);
    assert.match(c, /rises by more than its seed sd for: omis-j4/);
    const html = omisMnistTableHtml('T', [...t.values()], { 'omis-j4': 'OMIS J = 4' });
    assert.match(html, /<td>OMIS J = 4<\/td><td>1, 2, 3<\/td>/);
    assert.match(html, /RISES/);
    const stable = omisMnistCaption(omisMnistTable(evals().filter((r) => r.curve !== 'omis-j4')), 'toy');
    // omis-j2's loss 2 → 1 → 0.5: its largest change is −0.5
    assert.match(
      stable,
      /never rises .* consecutive epochs of an OMIS curve -0\.500: every OMIS curve falls every epoch/,
    );
  });
});

describe('omisEpochDiagnostics and omisDiagnosticsFigure', () => {
  it('takes per-epoch medians of finite values, numbering epochs as evaluations', () => {
    const steps = [
      { curve: 'omis-j2', seed: 1, epoch: 0, omisCond: null },
      { curve: 'omis-j2', seed: 1, epoch: 1, omisCond: 3, omisMinMass: 0.5 },
      { curve: 'omis-j2', seed: 1, epoch: 1, omisCond: 100, omisMinMass: 0.1 },
      { curve: 'omis-j2', seed: 1, epoch: 1, omisCond: 5, omisMinMass: Infinity },
    ];
    const d = omisEpochDiagnostics(steps);
    assert.deepEqual(d, [
      { curve: 'omis-j2', seed: 1, epoch: 2, column: 'omisCond', value: 5 },
      { curve: 'omis-j2', seed: 1, epoch: 2, column: 'omisMinMass', value: 0.3 },
    ]);
    const fig = omisDiagnosticsFigure(d);
    assert.equal(fig.layout.yaxis4 !== undefined, true);
    assert.deepEqual(
      [...new Set(fig.data.map((t) => t.yaxis))],
      ['y', 'y4'],
      'omisCond on panel 1, omisMinMass on panel 4',
    );
    assert.equal(OMIS_DIAGNOSTIC_PANELS.length, 4);
    assert.equal(fig.data.filter((t) => t.yaxis === 'y4' && t.showlegend !== false).length, 0);
  });
});

describe('mis/omis-mnist (figure spec)', () => {
  it('plans uniform, IS and OMIS at each J over the seeds, with the baselines part epochs per scale', () => {
    const plan = (set: Record<string, unknown>) =>
      misOmisMnist.plan(
        resolveFigureSettings(misOmisMnist, {}, set).settings as Parameters<typeof misOmisMnist.plan>[0],
      ).runs;
    const runs = plan({});
    assert.deepEqual(
      [...new Set(runs.map((r) => `${r.options.method}:${String(r.options.methodOptions?.J ?? '')}`))],
      ['uniform:', 'is:', 'omis:2', 'omis:4', 'omis:10'],
    );
    assert.equal(runs.length, 15);
    assert.ok(
      runs.every((r) => r.options.epochs === omisMnistEpochs.quick && r.options.task === 'mnist-mlp'),
    );
    assert.ok(plan({ scale: 'full' }).every((r) => r.options.epochs === 50));
    assert.deepEqual(
      plan({ J: [3], epochs: 2, seeds: [4] }).map((r) => [r.tags?.curve, r.options.epochs, r.options.seed]),
      [
        ['uniform', 2, 4],
        ['is', 2, 4],
        ['omis-j3', 2, 4],
      ],
    );
    assert.throws(
      () => plan({ J: [1] }),
      /figure mis\/omis-mnist: setting J must be a non-empty list of integers ≥ 2, got \[1\]/,
    );
    assert.deepEqual(
      omisMnistCurves([2]).map((c) => c.key),
      ['uniform', 'is', 'omis-j2'],
    );
  });

  it('writes the table page, loss and diagnostics figures at tiny scale beside the defaults; reruns load', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-omis-mnist-'));
    try {
      const where = { results: join(root, 'results'), figures: join(root, 'figures'), workers: 0 };
      const set = { task: 'toy2d', epochs: 2, J: [2], seeds: [1, 2] };
      const r = await reproduce({ only: ['mis/omis-mnist'], set, ...where });
      assert.equal(r.exitCode, 0);
      const entries = r.parts.flatMap((p) => p.figures);
      const tail = '.seeds-1-2.task-toy2d.epochs-2.J-2.html';
      assert.deepEqual(
        entries.map((e) => e.file),
        ['omis-mnist-table', 'omis-mnist-train-loss', 'omis-mnist-diagnostics'].map((f) => f + tail),
      );
      for (const e of entries) assert.ok(existsSync(join(where.figures, e.file)), `missing ${e.file}`);
      assert.match(readFileSync(join(where.figures, entries[0].file), 'utf8'), /<table><tr><th>curve<\/th>/);
      assert.ok(
        !existsSync(join(where.figures, entries[0].file.replace(/\.html$/, '.json'))),
        'a table has no JSON',
      );
      assert.match(
        entries[0].caption,
        /^Settings changed from the defaults: seeds = 1, 2 .*task = toy2d .*OMIS J = 2 − IS .* \(n = 2\)/,
      );
      assert.match(entries[2].caption, /OMIS J = 2: cond [0-9.e+]+ ± /);
      const diag = JSON.parse(
        readFileSync(join(where.figures, entries[2].file.replace(/\.html$/, '.json')), 'utf8'),
      ) as {
        data: { yaxis: string }[];
      };
      assert.deepEqual([...new Set(diag.data.map((t) => t.yaxis))].sort(), ['y', 'y2', 'y3', 'y4']);
      assert.equal(r.parts[0].trained, 6);
      const again = await reproduce({ only: ['mis/omis-mnist'], set, ...where });
      assert.deepEqual([again.parts[0].trained, again.parts[0].loaded], [0, 6]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
