import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import {
  baselineExperiment,
  baselineFiguresDefaults,
  baselineStatement,
} from '../../src/experiments/baseline-figures.js';
import type { ReproduceContext } from '../../src/experiments/types.js';

describe('baselineExperiment (issue 5 parts 2–3)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('pins the MNIST set-up of the main job', () => {
    assert.equal(baselineFiguresDefaults.task, 'mnist-mlp');
    assert.deepEqual(baselineFiguresDefaults.methods, ['uniform', 'dlis', 'low', 'is', 'as']);
    assert.equal(baselineFiguresDefaults.includeOmis, true);
    assert.equal(baselineFiguresDefaults.controlTask, 'noise-labels');
  });

  it('writes the equal-epoch/equal-time figures, the budget tables and the control; reruns load the records', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-baselines-'));
    try {
      const lines: string[] = [];
      const ctx: ReproduceContext = {
        scale: 'quick',
        seeds: [1, 2],
        results: join(root, 'results'),
        figures: join(root, 'figures'),
        log: (l) => lines.push(l),
        hooks: () => ({}),
        prefetch: async () => {},
      };
      const tiny = baselineExperiment({
        task: 'toy2d',
        label: 'Toy',
        methods: ['uniform', 'dlis', 'low'],
        includeOmis: false,
        epochs: { quick: 2, full: 2 },
        controlMethods: ['uniform', 'dlis'],
        controlEpochs: { quick: 1, full: 1 },
        overrides: { backend: 'cpu' },
      });
      const entries = await tiny(ctx);
      assert.equal(entries.length, 7);
      for (const e of entries) assert.ok(existsSync(join(ctx.figures, e.file)), `missing ${e.file}`);
      const fig = JSON.parse(
        readFileSync(join(ctx.figures, 'baselines-toy2d-testError-time.json'), 'utf8'),
      ) as {
        data: { name: string }[];
      };
      const names = fig.data.map((t) => t.name);
      for (const label of ['SGD (uniform)', 'DLIS', 'LOW'])
        assert.ok(names.includes(label), `trace ${label}`);
      const tables = readFileSync(join(ctx.figures, 'baselines-toy2d-tables.html'), 'utf8');
      assert.match(tables, /equal CPU time/);
      assert.match(tables, /<td>LOW<\/td><td>[0-9.]+ ± [0-9.]+ \(2\)<\/td>/);
      assert.equal(lines.filter((l) => l.startsWith('trained')).length, 6 + 4);
      lines.length = 0;
      await tiny(ctx);
      assert.equal(
        lines.filter((l) => l.startsWith('loaded')).length,
        10,
        'the second run loads every record',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('baselineStatement', () => {
  const rows = ['uniform', 'is', 'dlis'].flatMap((method, m) =>
    [1, 2, 3].flatMap((seed) =>
      [1, 2, 3, 4].map((epoch) => ({
        method,
        seed,
        epoch,
        step: 10 * epoch,
        trainCpuSeconds: epoch * (method === 'dlis' ? 2 : 1),
        testError: 0.1 - 0.01 * m + 0.001 * seed,
      })),
    ),
  );
  it('states test error differences to uniform, paired by seed, and judges our IS', () => {
    const s = baselineStatement(rows, { y: 'testError', paper: '[MIS] Fig. 3' });
    assert.match(s, /is 0\.0920 \[[^\]]+\], difference to uniform -0\.0100 \[-0\.0100, -0\.0100\]/);
    assert.match(s, /Against \[MIS\] Fig\. 3: is lower than uniform: matches\.$/);
  });
  it("at equal CPU time reads within uniform's total", () => {
    const s = baselineStatement(rows, { y: 'testError', paper: 'x', budgetAxis: 'trainCpuSeconds' });
    assert.match(s, /^testError within trainCpuSeconds ≤ 4\.00 \(uniform's total\)/);
  });
  it('without a uniform run says so instead of throwing', () => {
    const s = baselineStatement(
      rows.filter((r) => r.method !== 'uniform'),
      { y: 'testError', paper: 'x' },
    );
    assert.match(s, /No uniform run with testError/);
  });
});
