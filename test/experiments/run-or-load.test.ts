import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrow } from 'arquero';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { runKey, runOrLoad } from '../../src/experiments/run-or-load.js';
import { codeHash } from '../../src/records/code-hash.js';
import { resolveConfig } from '../../src/train/resolve-config.js';
import type { TrainConfig } from '../../src/train/config.js';

describe('runOrLoad + writeRunRecords', () => {
  let root = '';
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-runs-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('trains once, persists CSV + Arrow + summary, then loads instead of retraining', async () => {
    const opts = { task: 'poly6', method: 'is', seed: 2, epochs: 2, backend: 'cpu' as const };
    const a = await runOrLoad(opts, root);
    assert.equal(a.cached, false);
    for (const f of ['steps.csv', 'steps.arrow', 'evals.csv', 'evals.arrow', 'summary.json']) {
      assert.ok(existsSync(join(a.dir, f)), `missing ${f}`);
    }
    const summary = JSON.parse(readFileSync(join(a.dir, 'summary.json'), 'utf8'));
    assert.equal(summary.config.method, 'is');
    assert.equal(summary.backend.name, 'cpu');
    assert.ok(summary.final.excessLoss > 0);
    const arrow = fromArrow(readFileSync(join(a.dir, 'evals.arrow')));
    assert.deepEqual(arrow.columnNames(), a.evals.columnNames());
    assert.equal(arrow.numRows(), a.evals.numRows());

    const b = await runOrLoad(opts, root);
    assert.equal(b.cached, true);
    assert.equal(b.dir, a.dir);
    assert.deepEqual(b.evals.array('trainLoss'), a.evals.array('trainLoss'));

    const c = await runOrLoad({ ...opts, seed: 3 }, root);
    assert.equal(c.cached, false);
    assert.notEqual(c.dir, a.dir);
  });

  test('a run without summary.json (crashed before the end) is trained again', async () => {
    const opts = { task: 'poly6', method: 'uniform', seed: 1, epochs: 1, backend: 'cpu' as const };
    const a = await runOrLoad(opts, root);
    rmSync(join(a.dir, 'summary.json'));
    const b = await runOrLoad(opts, root);
    assert.equal(b.cached, false);
  });
});

describe('runOrLoad: damaged or legacy run folders', () => {
  let root = '';
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-damaged-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('every file of a run truncated, edited or deleted, or no integrity record: named in one line and retrained', async () => {
    const opts = { task: 'poly6', method: 'uniform', seed: 4, epochs: 1, backend: 'cpu' as const };
    const first = await runOrLoad(opts, root);
    const fresh = first.evals.array('trainLoss');
    const damages: Array<[string, string, (p: string) => void]> = [];
    for (const f of ['steps.csv', 'steps.arrow', 'evals.csv', 'evals.arrow', 'summary.json']) {
      damages.push([f, 'truncated', (p) => truncateSync(p, Math.floor(statSync(p).size / 2))]);
      damages.push([f, 'deleted', (p) => rmSync(p)]);
      damages.push([
        f,
        'edited',
        (p) => {
          const b = readFileSync(p);
          const i = b.length - 8; // a digit or a brace near the end: the size stays, the content changes
          b[i] = b[i] === 0x35 ? 0x36 : 0x35;
          writeFileSync(p, b);
        },
      ]);
    }
    damages.push([
      'summary.json',
      'without an integrity record (an older kit)',
      (p) => {
        const { integrity: _i, run: _r, ...old } = JSON.parse(readFileSync(p, 'utf8'));
        writeFileSync(p, JSON.stringify(old, null, 2));
      },
    ]);
    for (const [file, how, damage] of damages) {
      damage(join(first.dir, file));
      const lines: string[] = [];
      const r = await runOrLoad(opts, root, { log: (m) => lines.push(m) });
      const label = `${file} ${how}`;
      if (how === 'deleted' && file === 'summary.json') {
        assert.deepEqual(lines, [], `${label}: an uncommitted run, trained without a notice`);
      } else {
        assert.equal(lines.length, 1, `${label}: ${lines.join(' | ')}`);
        assert.ok(
          lines[0].startsWith(`damaged run ${first.dir}: summary.json `) ||
            lines[0].startsWith(`damaged run ${first.dir}: ${file} `),
          `${label}: ${lines[0]}`,
        );
        assert.match(lines[0], /; retraining it now$/, label);
      }
      assert.equal(r.cached, false, `${label}: retrained, not read`);
      assert.equal(r.dir, first.dir);
      assert.deepEqual(r.evals.array('trainLoss'), fresh, `${label}: the retrained run equals the first`);
      assert.equal((await runOrLoad(opts, root)).cached, true, `${label}: the replaced folder loads`);
    }
  });
});

describe('run keys', () => {
  test('a task whose data settings change gets a new key (no stale results)', async () => {
    const { registerTask } = await import('../../src/tasks/registry.js');
    const { createPoly6Task, poly6Data } = await import('../../src/tasks/poly6.js');
    const root = mkdtempSync(join(tmpdir(), 'isgrad-keys-'));
    try {
      const opts = { task: 'poly6-key', method: 'uniform', epochs: 1, backend: 'cpu' as const };
      registerTask(createPoly6Task({ ...poly6Data, n: 256 }, 'poly6-key'), { override: true });
      const a = await runOrLoad(opts, root);
      registerTask(createPoly6Task({ ...poly6Data, n: 512 }, 'poly6-key'), { override: true });
      const b = await runOrLoad(opts, root);
      assert.notEqual(a.key, b.key);
      assert.equal(b.cached, false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('runKey', () => {
  const config = resolveConfig({ task: 'poly6', method: 'is', seed: 1 });
  const key = runKey(config, 'cpu');

  test('follows the code, the resolved backend and every config value', () => {
    assert.match(key, /^[0-9a-f]{12}$/);
    assert.equal(runKey(config, 'cpu', codeHash()), key, 'the default code hash is codeHash()');
    assert.notEqual(runKey(config, 'cpu', 'another-code'), key, 'changed sources');
    assert.notEqual(runKey(config, 'wasm'), key, 'backend');
    assert.notEqual(runKey({ ...config, lr: config.lr * 2 }, 'cpu'), key, 'a config value');
  });

  test('ignores config key order, out and the requested backend (only the resolved one counts)', () => {
    const reversed = Object.fromEntries(Object.entries(config).reverse()) as unknown as TrainConfig;
    assert.equal(runKey(reversed, 'cpu'), key);
    assert.equal(runKey({ ...config, out: 'elsewhere', backend: 'cpu' }, 'cpu'), key);
    assert.equal(runKey({ ...config, backend: 'auto' }, 'cpu'), key);
  });

  test('defaults and the same values given explicitly share a key (the key uses the resolved config)', () => {
    const explicit = resolveConfig({
      task: 'poly6',
      method: 'is',
      seed: 1,
      lr: config.lr,
      epochs: config.epochs,
    });
    assert.equal(runKey(explicit, 'cpu'), key);
  });

  test('runOrLoad keys on the backend the run trains on', async () => {
    await setupBackend('cpu');
    const root = mkdtempSync(join(tmpdir(), 'isgrad-keys-'));
    try {
      const r = await runOrLoad({ task: 'poly6', method: 'uniform', epochs: 1, backend: 'cpu' }, root);
      assert.equal(r.key, runKey(resolveConfig({ task: 'poly6', method: 'uniform', epochs: 1 }), 'cpu'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
