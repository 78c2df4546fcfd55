// The built CLI on a huge grid and with --workers 0 (npm test builds dist/ first).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

function isgrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ISGRAD_QUIET: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('isgrad sweep: limits and in-process runs', () => {
  test('a 10^6-trial grid exits 1 at once with the count and the shards to use; --workers 0 trains in-process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-sweep-limits-'));
    try {
      const huge = join(dir, 'huge.json');
      const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
      writeFileSync(
        huge,
        JSON.stringify({
          name: 'huge',
          base: { task: 'poly6', method: 'omis', epochs: 1 },
          grid: { beta: seq(1000, (i) => i / 1000), lr: seq(100, (i) => 0.001 * (i + 1)) },
          seeds: seq(10, (i) => i + 1),
        }),
      );
      const t0 = performance.now();
      const r = isgrad('sweep', huge, '--out', join(dir, 'results'));
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^isgrad: sweep 'huge' has 1000000 trials .* --shard k\/10 for k = 1\.\.10/);
      assert.ok(performance.now() - t0 < 30_000, 'refused before running');

      const small = join(dir, 'small.json');
      writeFileSync(
        small,
        JSON.stringify({
          name: 'small',
          base: { task: 'poly6', method: 'uniform', epochs: 1, backend: 'cpu' },
          seeds: [1],
        }),
      );
      const s = isgrad('sweep', small, '--workers', '0', '--json', '--out', join(dir, 'results'));
      assert.equal(s.code, 0, s.stderr);
      const summary = JSON.parse(s.stdout.trim().split('\n').pop() as string);
      assert.deepEqual([summary.trials, summary.trained, summary.failed, summary.workers], [1, 1, 0, 0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
