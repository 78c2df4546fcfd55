import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrow } from 'arquero';
import { writeRunRecords } from '../../src/records/write-run-records.js';
import { fakeRun } from '../helpers/fake-run.js';

// Runs the built CLI (npm test builds dist/ first), so the workers start from dist/ as in an installed package.
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

function isgrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ISGRAD_QUIET: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('isgrad sweep / collect (built CLI)', () => {
  test('runs, resumes, rejects bad specs before running, writes a Slurm script, collects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-sweep-cli-'));
    try {
      const spec = join(dir, 'spec.json');
      const out = join(dir, 'results');
      writeFileSync(
        spec,
        JSON.stringify({
          name: 'cli',
          base: { task: 'poly6', method: 'as', epochs: 1, backend: 'cpu' },
          seeds: [1, 2],
        }),
      );
      const a = isgrad('sweep', spec, '--out', out, '--workers', '2', '--json');
      assert.equal(a.code, 0, a.stderr);
      const s1 = JSON.parse(a.stdout.trim().split('\n').pop() as string);
      assert.deepEqual(
        [s1.sweep, s1.trials, s1.trained, s1.cached, s1.failed, s1.workers],
        ['cli', 2, 2, 0, 0, 2],
      );
      assert.ok(s1.cpuSeconds > 0);
      const b = isgrad('sweep', spec, '--out', out, '--workers', '1', '--shard', '2/2', '--json');
      assert.equal(b.code, 0, b.stderr);
      const s2 = JSON.parse(b.stdout.trim().split('\n').pop() as string);
      assert.deepEqual([s2.trials, s2.cached, s2.shard], [1, 1, { k: 2, n: 2 }]);

      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify({ name: 'bad', base: { task: 'poly6', method: 'as' }, grid: { J: [2] }, seeds: [1] }),
      );
      const c = isgrad('sweep', bad, '--out', join(dir, 'never'));
      assert.equal(c.code, 1);
      assert.match(c.stderr, /sweep 'bad', trial 0 \(J=2, seed=1\): unknown key 'J'/);
      assert.equal(existsSync(join(dir, 'never')), false, 'nothing ran');
      const d = isgrad('sweep', 'ablation-nope');
      assert.equal(d.code, 1);
      assert.match(
        d.stderr,
        /no built-in spec of that name \(ablation-alpha, ablation-beta, ablation-tau, ablation-J\)/,
      );

      const e = isgrad(
        'sweep',
        spec,
        '--out',
        out,
        '--slurm',
        '--shards',
        '2',
        '--workers',
        '1',
        '--time',
        '00:10:00',
      );
      assert.equal(e.code, 0, e.stderr);
      const script = readFileSync(e.stdout.trim(), 'utf8');
      assert.match(script, /#SBATCH --array=1-2\n/);
      assert.match(script, /#SBATCH --time=00:10:00\n/);
      assert.ok(script.includes(CLI), 'the script runs this CLI');
      assert.ok(script.includes('--shard "${SLURM_ARRAY_TASK_ID}/2"'));

      const f = isgrad('collect', out);
      assert.equal(f.code, 0, f.stderr);
      assert.match(f.stdout, /collected 2 runs \(256 step rows, 4 eval rows\)/);
      const runs = fromArrow(readFileSync(join(out, 'collected', 'runs.arrow')));
      assert.deepEqual((runs.array('seed') as number[]).slice().sort(), [1, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('collect: a damaged run is named, the others collected, exit 1; a folder with no runs exits 1, writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-collect-cli-'));
    try {
      const results = join(dir, 'results');
      for (const seed of [1, 2]) {
        await writeRunRecords(join(results, 'poly6', `is-s${seed}-k`), {
          ...fakeRun(),
          config: { task: 'poly6', method: 'is', seed },
        });
      }
      truncateSync(join(results, 'poly6', 'is-s2-k', 'evals.csv'), 10);
      const f = isgrad('collect', results);
      assert.equal(f.code, 1, f.stderr);
      assert.match(f.stdout, /collected 1 runs /);
      assert.match(
        f.stderr,
        /collect: left out damaged run .*is-s2-k: evals\.csv has 10 bytes, its integrity record says \d+ \(truncated or extended\); delete the folder/,
      );
      assert.match(f.stderr, /1 damaged run folder\(s\) left out \(above\); exit status 1/);
      const runs = fromArrow(readFileSync(join(results, 'collected', 'runs.arrow')));
      assert.deepEqual(runs.array('seed'), [1]);

      const empty = join(dir, 'empty');
      mkdirSync(empty);
      const e = isgrad('collect', empty);
      assert.equal(e.code, 1, e.stderr);
      assert.match(
        e.stderr,
        /collect: no runs under '.*empty' \(no folder there holds a summary\.json\); nothing collected/,
      );
      assert.ok(!existsSync(join(empty, 'collected')), 'no empty tables written');

      const inside = isgrad('collect', results, '--out', join(results, 'poly6', 'is-s1-k'));
      assert.equal(inside.code, 1, inside.stderr);
      assert.match(
        inside.stderr,
        /is the run folder .*is-s1-k; writing there would replace or mix in its records/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
