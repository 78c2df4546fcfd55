import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import {
  alignAtBudget,
  budgetRows,
  referenceBudget,
  runComparison,
  summarizeAtBudget,
  timeSplitTable,
  type CompareRun,
} from '../../src/experiments/compare.js';
import { getMethod, registerMethod } from '../../src/methods/method-spec.js';
import { SweepFailedError } from '../../src/sweep/sweep-failed-error.js';
import { InterruptedError } from '../../src/train/interrupt.js';

/**
 * A synthetic run: `steps` steps of `msPerStep` ms split equally over the 5 phases, `scored` extra forward
 * examples per step, an evaluation every `every` steps with testError = err(step).
 */
function synth(
  method: string,
  seed: number,
  o: {
    steps: number;
    msPerStep: number;
    scored?: number;
    every: number;
    err: (k: number) => number;
    B?: number;
  },
): CompareRun {
  const stepsPerEpoch = 10;
  const steps = Array.from({ length: o.steps }, (_, k) => ({
    step: k,
    epoch: Math.floor(k / stepsPerEpoch),
    msScore: o.msPerStep / 5,
    msSample: o.msPerStep / 5,
    msGather: o.msPerStep / 5,
    msForwardBackward: o.msPerStep / 5,
    msImportance: o.msPerStep / 5,
    examplesScored: o.scored ?? null,
  }));
  const evals = [];
  for (let k = 0; k <= o.steps; k += o.every) {
    evals.push({
      step: k,
      epoch: k / stepsPerEpoch,
      trainSeconds: (k * o.msPerStep) / 1000,
      testError: o.err(k),
    });
  }
  return { method, seed, batchSize: o.B ?? 4, evals, steps };
}

// uniform: 40 steps of 10 ms → 0.4 s; slow: 2× the time per step, 12 extra forward examples per step (DLIS-like)
const uniform = synth('uniform', 1, { steps: 40, msPerStep: 10, every: 10, err: (k) => 1 - k / 100 });
const slow = synth('slow', 1, { steps: 40, msPerStep: 20, scored: 12, every: 10, err: (k) => 1 - k / 50 });

describe('compare harness', () => {
  it('budgetRows counts backward passes, backward examples and forward examples seen', () => {
    const r = budgetRows(slow);
    assert.deepEqual(
      r.map((x) => [x.step, x.backwardPasses, x.backwardExamples, x.examplesSeen]),
      [
        [0, 0, 0, 0],
        [10, 10, 40, 40 + 120], // B = 4 per backward pass; 12 scored per step
        [20, 20, 80, 320],
        [30, 30, 120, 480],
        [40, 40, 160, 640],
      ],
    );
    assert.equal(r[0].method, 'slow');
  });

  it("equal wall-clock: each run is read at its last evaluation within uniform's training time", () => {
    const budget = referenceBudget([uniform, slow], 'trainSeconds');
    assert.equal(budget, 0.4);
    const rows = alignAtBudget([uniform, slow], { axis: 'trainSeconds', budgets: [budget, 0.25] });
    const at = (m: string, b: number) => rows.find((r) => r.method === m && r.budget === b);
    // uniform at 0.4 s: step 40 (err 0.6); slow at 0.4 s: step 20 (0.4 s exactly, err 0.6)
    assert.equal(at('uniform', 0.4)?.step, 40);
    assert.equal(at('slow', 0.4)?.step, 20);
    assert.equal(at('slow', 0.4)?.testError, 0.6);
    // 0.25 s: uniform's last eval at 0.2 s (step 20), slow's at 0.2 s (step 10)
    assert.equal(at('uniform', 0.25)?.step, 20);
    assert.equal(at('slow', 0.25)?.step, 10);
    assert.equal(at('slow', 0.25)?.budgetAxis, 'trainSeconds');
  });

  it('equal epochs, backward passes and examples seen align on their own counters', () => {
    const ep = alignAtBudget([uniform, slow], { axis: 'epoch', budgets: [4] });
    assert.deepEqual(
      ep.map((r) => [r.method, r.step]),
      [
        ['uniform', 40],
        ['slow', 40],
      ],
    );
    const ex = alignAtBudget([uniform, slow], {
      axis: 'examplesSeen',
      budgets: [referenceBudget([uniform, slow], 'examplesSeen')],
    });
    // uniform saw 160 examples; slow sees 16 per step → its last eval within 160 is step 10 (160 exactly)
    assert.deepEqual(
      ex.map((r) => [r.method, r.step]),
      [
        ['uniform', 40],
        ['slow', 10],
      ],
    );
  });

  it('a budget below a run’s first evaluation gives no row; bad axes are rejected', () => {
    const late = { ...uniform, evals: uniform.evals.slice(1) };
    assert.equal(alignAtBudget([late], { axis: 'trainSeconds', budgets: [0.05] }).length, 0);
    assert.throws(
      () => alignAtBudget([uniform], { axis: 'hours' as 'epoch', budgets: [1] }),
      /axis must be one of epoch, trainCpuSeconds, trainSeconds, backwardPasses, examplesSeen, got 'hours'/,
    );
    assert.throws(
      () => referenceBudget([slow], 'epoch'),
      /no run of reference method 'uniform'; methods: slow/,
    );
  });

  it('summarizeAtBudget gives mean ± sample std over seeds', () => {
    const u2 = synth('uniform', 2, { steps: 40, msPerStep: 10, every: 10, err: (k) => 0.8 - k / 100 });
    const s = summarizeAtBudget(alignAtBudget([uniform, u2], { axis: 'epoch', budgets: [4] }), ['testError']);
    assert.equal(s.length, 1);
    // values 0.6 and 0.4: mean 0.5, sample std sqrt(0.02) ≈ 0.1414
    assert.ok(Math.abs(s[0].mean - 0.5) < 1e-12);
    assert.ok(Math.abs(s[0].std - Math.sqrt(0.02)) < 1e-12);
    assert.equal(s[0].n, 2);
  });

  it('timeSplitTable averages each phase per step and reports seconds per epoch', () => {
    const t = timeSplitTable([uniform, slow]);
    assert.equal(t[0].method, 'uniform');
    assert.ok(Math.abs(t[0].msForwardBackward - 2) < 1e-12);
    assert.ok(Math.abs(t[0].msTotal - 10) < 1e-12);
    assert.ok(Math.abs(t[0].secondsPerEpoch - 0.1) < 1e-12); // 10 steps × 10 ms
    assert.ok(Math.abs(t[1].secondsPerEpoch - 0.2) < 1e-12);
    assert.equal(t[1].examplesPerStep, 16);
  });
});

describe('runComparison with failing runs', () => {
  let root = '';
  const started: number[] = []; // seeds whose training reached the sampler, in order
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-compare-'));
    const uniform = getMethod('uniform');
    registerMethod({
      ...uniform,
      name: 'test-flaky',
      samplerOptions: (c) => {
        started.push(c.seed);
        if (c.seed === 2) throw new Error('seed 2 is cursed\nsecond line of the error');
        if (c.seed === 9) throw new InterruptedError('interrupted: test-flaky seed 9');
        return uniform.samplerOptions(c);
      },
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const options = {
    task: 'poly6',
    methods: ['test-flaky', 'uniform'],
    seeds: [1, 2, 3],
    overrides: { epochs: 1, backend: 'cpu' as const },
  };

  it('runs every other run, then rejects listing the failed one with its first error line and failure file', async () => {
    started.length = 0;
    const e = await runComparison({ ...options, results: root }).then(
      () => assert.fail('runComparison resolved with a failed run'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof SweepFailedError, String(e));
    assert.deepEqual(started, [1, 2, 3], 'the runs after the failure still trained');
    const folder = join(root, 'failures');
    assert.equal(
      e.message,
      '1 of 6 comparison runs failed:\n  poly6/test-flaky seed=2: seed 2 is cursed\n' +
        `failure files (error and stack per trial): ${folder}\n` +
        '(pass { allowFailures: true } to get the results instead of this error)',
    );
    assert.equal(e.failuresFolder, folder);
    assert.deepEqual(
      e.results.map((r) => [r.trial.label, r.status]),
      [
        ['poly6/test-flaky seed=1', 'trained'],
        ['poly6/test-flaky seed=2', 'failed'],
        ['poly6/test-flaky seed=3', 'trained'],
        ['poly6/uniform seed=1', 'trained'],
        ['poly6/uniform seed=2', 'trained'],
        ['poly6/uniform seed=3', 'trained'],
      ],
    );
    const file = e.failures[0].failureFile ?? '';
    assert.ok(file.startsWith(folder) && existsSync(file), file);
    assert.match(JSON.parse(readFileSync(file, 'utf8')).stack, /second line of the error/);
  });

  it('with allowFailures returns the finished runs and lists the failed one', async () => {
    const lines: string[] = [];
    const runs = await runComparison({
      ...options,
      results: root,
      allowFailures: true,
      log: (l) => lines.push(l),
    });
    assert.deepEqual(
      runs.map((r) => [r.method, r.seed]),
      [
        ['test-flaky', 1],
        ['test-flaky', 3],
        ['uniform', 1],
        ['uniform', 2],
        ['uniform', 3],
      ],
    );
    assert.deepEqual(
      runs.failures.map((f) => [f.trial.label, f.error]),
      [['poly6/test-flaky seed=2', 'seed 2 is cursed\nsecond line of the error']],
    );
    assert.ok(
      lines.some((l) => /^failed poly6\/test-flaky\/seed 2: seed 2 is cursed \(details: /.test(l)),
      lines.join('\n'),
    );
    assert.equal(lines.filter((l) => l.startsWith('loaded')).length, 5, 'the finished runs load');
  });

  it('an interrupt is not collected as a failure: it stops the comparison at once', async () => {
    started.length = 0;
    await assert.rejects(
      runComparison({ ...options, seeds: [9, 2], results: root }),
      (e: unknown) => e instanceof InterruptedError,
    );
    assert.deepEqual(started, [9], 'no run started after the interrupt');
  });
});
