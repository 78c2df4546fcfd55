import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { checkpointPath, readCheckpoint } from '../../src/records/checkpoint-file.js';
import { runKey } from '../../src/records/run-key.js';
import { runOrLoad } from '../../src/experiments/run-or-load.js';
import { resolveConfig } from '../../src/train/resolve-config.js';
import { train, type TrainResult } from '../../src/train/train.js';
import { stripTiming } from '../helpers/strip-timing.js';

// toy2d with IS: N = 800, B = 32 ⇒ 25 steps per epoch (init epoch) then 25; 4 epochs = 100 steps, evaluations every
// 10 steps. Sampler memory, model and records all take part, on the deterministic cpu backend.
const base = {
  task: 'toy2d',
  method: 'is',
  seed: 5,
  epochs: 4,
  batchSize: 32,
  evalEvery: 10,
  backend: 'cpu' as const,
};

/** The records of a run without timing fields. */
function records(r: TrainResult) {
  return { steps: r.steps.map(stripTiming), evals: r.evals.map(stripTiming) };
}

/** Trains `options` and throws (as a crash would) once an evaluation at step ≥ `stop` has been reported. */
async function crashAt(options: Parameters<typeof train>[0], stop: number): Promise<void> {
  await assert.rejects(
    train(options, {
      onProgress: (p) => {
        if (p.step >= stop) throw new Error(`crash at step ${p.step}`);
      },
    }),
    /crash at step/,
  );
}

describe('train: checkpoints and resume', () => {
  let root = '';
  let reference: ReturnType<typeof records>;
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-ckpt-'));
    reference = records(await train({ ...base, checkpointEvery: 0 }));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a crashed run resumes from its checkpoint; its records equal the uninterrupted run', async () => {
    const out = join(root, 'resume');
    const opts = { ...base, out, checkpointEvery: 7 };
    const key = runKey(resolveConfig(opts), 'cpu');
    const path = checkpointPath(out, key);
    await crashAt(opts, 45); // the evaluation at step 50 throws; the last checkpoint is at step 49
    assert.ok(existsSync(path), 'the checkpoint is kept after a crash');
    assert.equal(existsSync(out), false, 'no run directory before the run ends');
    const saved = readCheckpoint(path, key);
    assert.ok(saved !== null && 'body' in saved);
    assert.equal(saved.body.step, 49);
    const log: string[] = [];
    const r = await train(opts, { log: (l) => log.push(l) });
    assert.equal(r.resumedFrom, 49);
    assert.match(log.join('\n'), /resuming from step 49 of 100/);
    assert.deepEqual(records(r), reference);
    assert.ok(existsSync(join(out, 'summary.json')));
    assert.equal(existsSync(path), false, 'the checkpoint is deleted once the run directory is committed');
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith('resume')),
      ['resume'],
      'no checkpoint or temporary is left beside the run directory',
    );
  });

  test('a truncated or edited checkpoint is ignored with a notice; the run starts at step 0', async () => {
    for (const damage of ['truncate', 'edit'] as const) {
      const out = join(root, `damaged-${damage}`);
      const opts = { ...base, out, checkpointEvery: 5 };
      const path = checkpointPath(out, runKey(resolveConfig(opts), 'cpu'));
      await crashAt(opts, 30);
      const text = readFileSync(path, 'utf8');
      if (damage === 'truncate') truncateSync(path, Math.floor(text.length / 2));
      else writeFileSync(path, text.replace('"step":', '"step": '));
      const log: string[] = [];
      const r = await train(opts, { log: (l) => log.push(l) });
      assert.equal(r.resumedFrom, null, damage);
      assert.match(
        log.join('\n'),
        /ignoring the checkpoint .*checksum does not match.*starting at step 0/,
        damage,
      );
      assert.deepEqual(records(r), reference, damage);
      assert.equal(existsSync(path), false);
    }
  });

  test('a checkpoint of another config (another run key) is not resumed', async () => {
    const out = join(root, 'other');
    await crashAt({ ...base, out, checkpointEvery: 5, seed: 6 }, 30);
    const log: string[] = [];
    const r = await train({ ...base, out, checkpointEvery: 5 }, { log: (l) => log.push(l) });
    assert.equal(r.resumedFrom, null);
    assert.deepEqual(log, []);
    assert.deepEqual(records(r), reference);
  });

  test('checkpointEvery 0 writes no checkpoint; bad values are errors', async () => {
    const out = join(root, 'off');
    await crashAt({ ...base, out, checkpointEvery: 0 }, 30);
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith('off')),
      [],
    );
    await assert.rejects(
      train({ ...base, checkpointEvery: -1 }),
      /checkpointEvery must be an integer ≥ 0, got -1/,
    );
    await assert.rejects(
      train({ ...base, checkpointEvery: 2.5 }),
      /checkpointEvery must be an integer ≥ 0, got 2.5/,
    );
  });

  test('the default (null) checkpoints by time: none in a run shorter than 60 s', async () => {
    const out = join(root, 'auto');
    await crashAt({ ...base, out }, 60);
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith('auto')),
      [],
    );
  });

  test('runOrLoad resumes an interrupted run through train', async () => {
    const results = join(root, 'results');
    const opts = { ...base, checkpointEvery: 6 };
    await assert.rejects(
      runOrLoad(opts, results, {
        onProgress: (p) => {
          if (p.step >= 70) throw new Error('crash');
        },
      }),
      /crash/,
    );
    const log: string[] = [];
    const r = await runOrLoad(opts, results, { log: (l) => log.push(l) });
    assert.equal(r.cached, false);
    assert.match(log.join('\n'), /resuming from step 66 of 100/);
    const steps = r.steps.objects().map((o) => stripTiming(o as Record<string, unknown>));
    assert.equal(steps.length, reference.steps.length);
    steps.forEach((s, k) => assert.equal(s.batchLoss, reference.steps[k].batchLoss, `step ${k}`));
    assert.deepEqual(
      r.evals.array('trainLoss'),
      reference.evals.map((e) => e.trainLoss),
    );
    assert.deepEqual(
      readdirSync(join(results, 'toy2d')).filter((n) => n.includes('checkpoint')),
      [],
    );
  });
});
