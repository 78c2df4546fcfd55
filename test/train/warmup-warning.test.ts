import '../../src/builtins.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createTrainer } from '../../src/train/trainer.js';
import { train } from '../../src/train/train.js';

const WARMUP =
  /^method '(\w+)' draws like SGD-Scan \(uniform\) for its first (\d+) epochs? of warm-up\/initialisation, and the run has --epochs (\d+): it never samples by importance, so it trains like --method uniform; give --epochs ≥ (\d+)$/;

describe('a run no longer than the warm-up warns (not an error)', () => {
  let root = '';
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-warn-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is --epochs 1 and emais --epochs 2 warn; longer runs and uniform do not', async () => {
    const cases: Array<[string, number, number]> = [
      ['is', 1, 1], // 1 initialisation epoch (METHODS §3.2)
      ['as', 1, 1],
      ['emais', 2, 1], // 2 warm-up epochs (METHODS §5.11)
      ['emais', 3, 0],
      ['obs', 1, 1], // epoch 0 is one sequential pass
      ['is', 2, 0],
      ['uniform', 1, 0],
    ];
    for (const [method, epochs, expected] of cases) {
      const t = await createTrainer({ task: 'toy2d', method, epochs, backend: 'cpu' });
      try {
        assert.equal(t.warnings.length, expected, `${method} --epochs ${epochs}: ${t.warnings.join(' | ')}`);
        if (expected > 0) {
          const m = WARMUP.exec(t.warnings[0]);
          assert.ok(m, t.warnings[0]);
          assert.deepEqual(m.slice(1), [
            method,
            String(method === 'emais' ? 2 : 1),
            String(epochs),
            String(Number(m[2]) + 1),
          ]);
        }
      } finally {
        t.dispose();
      }
    }
  });

  it("the warning goes to onWarning and into summary.json `warnings`; the numbers do equal uniform's", async () => {
    const seen: string[] = [];
    const out = join(root, 'is-1');
    const r = await train(
      { task: 'poly6', method: 'is', epochs: 1, backend: 'cpu', out },
      { onWarning: (w) => seen.push(w) },
    );
    assert.equal(seen.length, 1);
    assert.match(seen[0], WARMUP);
    assert.deepEqual(r.warnings, seen);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(summary.warnings, seen);
    const u = await train({
      task: 'poly6',
      method: 'uniform',
      epochs: 1,
      backend: 'cpu',
      out: join(root, 'u-1'),
    });
    assert.equal(r.final.trainLoss, u.final.trainLoss, 'the warning is true: same numbers as uniform');
    assert.deepEqual(u.warnings, []);
    const su = JSON.parse(readFileSync(join(root, 'u-1', 'summary.json'), 'utf8'));
    assert.deepEqual(su.warnings, [], 'a run without warnings records an empty list');
  });
});
