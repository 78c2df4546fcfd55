import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { baselineExperiment, baselineFiguresDefaults } from '../../src/experiments/baseline-figures.js';
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
        prefetch: async () => [],
        precompute: async () => {},
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
