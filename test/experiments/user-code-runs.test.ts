// Runs that use code registered in this process only (a notebook cell): what userRegistrations reports, that
// runOrLoad keys on that code's source, and that runComparison keeps such runs off the worker processes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { userRegistrations } from '../../src/builtins.js';
import { runComparison } from '../../src/experiments/compare.js';
import { runKey, runOrLoad } from '../../src/experiments/run-or-load.js';
import type { TrainOptions } from '../../src/experiments/types.js';
import { getImportance, registerImportance } from '../../src/importance/registry.js';
import { getMethod, registerMethod } from '../../src/methods/method-spec.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

describe('user registrations', () => {
  let root = '';
  let calls = 0; // score() calls of the user importance function: proves where the runs trained
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-user-code-'));
    registerImportance({
      name: 'test-sqrt-loss',
      cheap: true,
      score: (ctx) => {
        calls++;
        return ctx.losses.sqrt();
      },
    });
    registerMethod({ ...getMethod('is'), name: 'test-is-sqrt', importance: 'test-sqrt-loss' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('built-in runs report none; a user method, importance or overridden built-in is reported', () => {
    assert.deepEqual(userRegistrations({ task: 'poly6', method: 'is', importance: 'output-grad' }), []);
    assert.deepEqual(userRegistrations({ task: 'mnist-mlp', method: 'omis' }), []);
    const viaImportance = userRegistrations({ task: 'poly6', method: 'is', importance: 'test-sqrt-loss' });
    assert.deepEqual(
      viaImportance.map((u) => [u.kind, u.name]),
      [['importance', 'test-sqrt-loss']],
    );
    assert.match(viaImportance[0].source, /ctx\.losses\.sqrt\(\)/, 'the source holds the function text');
    // the method's own importance is used when none is given
    assert.deepEqual(
      userRegistrations({ task: 'poly6', method: 'test-is-sqrt' }).map((u) => [u.kind, u.name]),
      [
        ['method', 'test-is-sqrt'],
        ['importance', 'test-sqrt-loss'],
      ],
    );
    assert.throws(() => userRegistrations({ task: 'poly6', method: 'nope' }), /unknown method 'nope'/);
    // a built-in name replaced with override (even by an equal copy) is user code; putting it back is built-in again
    const loss = getImportance('loss');
    try {
      registerImportance({ ...loss }, { override: true });
      assert.deepEqual(
        userRegistrations({ task: 'poly6', method: 'lis' }).map((u) => [u.kind, u.name]),
        [['importance', 'loss']],
      );
    } finally {
      registerImportance(loss, { override: true });
    }
    assert.deepEqual(userRegistrations({ task: 'poly6', method: 'lis' }), []);
  });

  test('runOrLoad: built-in keys are unchanged; an edited user function trains again, an unchanged one loads', async () => {
    const builtin = await runOrLoad(
      { task: 'poly6', method: 'is', seed: 1, epochs: 1, backend: 'cpu' },
      root,
    );
    assert.equal(
      builtin.key,
      runKey(resolveConfig({ task: 'poly6', method: 'is', seed: 1, epochs: 1 }), 'cpu'),
    );

    const opts: TrainOptions = { task: 'poly6', method: 'test-is-sqrt', seed: 1, epochs: 2, backend: 'cpu' };
    calls = 0;
    const a = await runOrLoad(opts, root);
    assert.equal(a.cached, false);
    assert.ok(calls > 0, 'the user importance function scored the batches');
    assert.notEqual(a.key, runKey(resolveConfig(opts), 'cpu'), 'the key covers the user code');
    calls = 0;
    const b = await runOrLoad(opts, root);
    assert.equal(b.cached, true);
    assert.equal(b.key, a.key);
    assert.equal(calls, 0);

    const original = getImportance('test-sqrt-loss');
    try {
      registerImportance(
        { name: 'test-sqrt-loss', cheap: true, score: (ctx) => ctx.losses.sqrt().add(1e-3) },
        { override: true },
      );
      const c = await runOrLoad(opts, root);
      assert.equal(c.cached, false, 'the edited function trains again');
      assert.notEqual(c.key, a.key);
      assert.notEqual(c.dir, a.dir);
    } finally {
      registerImportance(original, { override: true });
    }
    const d = await runOrLoad(opts, root);
    assert.equal(d.cached, true, 'back to the first source: its results load');
    assert.equal(d.key, a.key);
  });

  test('runComparison keeps user-code runs off the workers and trains them in this process', async () => {
    const handed: TrainOptions[] = [];
    const lines: string[] = [];
    calls = 0;
    const runs = await runComparison({
      task: 'poly6',
      methods: ['uniform', 'test-is-sqrt'],
      seeds: [3, 4],
      overrides: { epochs: 2, backend: 'cpu' },
      results: root,
      prefetch: async (plan) => {
        handed.push(...plan); // a stand-in for the worker pool: trains nothing
      },
      log: (l) => lines.push(l),
    });
    assert.deepEqual(
      handed.map((p) => [p.method, p.seed]),
      [
        ['uniform', 3],
        ['uniform', 4],
      ],
    );
    assert.match(
      lines[0],
      /training in this process, not on workers .*test-is-sqrt \(method 'test-is-sqrt', importance 'test-sqrt-loss'\)/,
    );
    assert.deepEqual(
      runs.map((r) => [r.method, r.seed]),
      [
        ['uniform', 3],
        ['uniform', 4],
        ['test-is-sqrt', 3],
        ['test-is-sqrt', 4],
      ],
    );
    assert.ok(calls > 0, 'the user function ran in this process');
    assert.ok(runs.every((r) => r.evals.length >= 2 && r.steps.length > 0));
  });

  test('runComparison of built-ins hands the whole plan to the workers and logs no note', async () => {
    const handed: TrainOptions[] = [];
    const lines: string[] = [];
    await runComparison({
      task: 'poly6',
      methods: ['uniform'],
      seeds: [5],
      overrides: { epochs: 1, backend: 'cpu' },
      results: root,
      prefetch: async (plan) => {
        handed.push(...plan);
      },
      log: (l) => lines.push(l),
    });
    assert.deepEqual(handed, [{ epochs: 1, backend: 'cpu', task: 'poly6', method: 'uniform', seed: 5 }]);
    assert.ok(!lines.some((l) => l.includes('not on workers')));
  });
});
