import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { runTrials } from '../../src/sweep/run-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';
import { interruptRequested, isInterruptedError } from '../../src/train/interrupt.js';
import { train } from '../../src/train/train.js';

/** Seconds allowed between the signal and the rejection: the next step, plus a loaded 2-core machine's delays. */
const STOP_WITHIN_S = 10;

describe('SIGINT stops training and sweeps at the next step', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-interrupt-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('train: a SIGINT before the first step is not lost (the handler is re-armed before training starts)', async () => {
    const out = join(root, 'train-first');
    let sent = false;
    const run = train(
      { task: 'poly6', method: 'is', epochs: 200, evalEvery: 20, backend: 'cpu', out, checkpointEvery: 0 },
      {
        onProgress: () => {
          if (sent) return;
          sent = true; // the evaluation at step 0: the loop has not yielded to the event loop yet
          process.kill(process.pid, 'SIGINT');
        },
      },
    );
    await assert.rejects(run, (e: Error) => {
      assert.ok(isInterruptedError(e), e.message);
      assert.match(e.message, /stopped before step \d+ of 25600/);
      return true;
    });
    assert.equal(existsSync(out), false, 'no run folder');
  });

  test('train: rejects with InterruptedError before its next step and writes no run folder', async () => {
    const out = join(root, 'train-run');
    let signalled = 0;
    let lastStep = 0;
    const run = train(
      { task: 'poly6', method: 'is', epochs: 200, evalEvery: 20, backend: 'cpu', out, checkpointEvery: 0 },
      {
        onProgress: (p) => {
          lastStep = p.step;
          if (p.step >= 40 && signalled === 0) {
            signalled = performance.now();
            process.kill(process.pid, 'SIGINT'); // the listener of train's interruptible scope takes it
          }
        },
      },
    );
    await assert.rejects(run, (e: Error) => {
      assert.ok(isInterruptedError(e), e.message);
      assert.match(e.message, /^interrupted: poly6\/is seed=1 stopped before step \d+ of 25600/);
      return true;
    });
    assert.ok((performance.now() - signalled) / 1000 < STOP_WITHIN_S);
    assert.ok(lastStep < 25600, 'did not run to the end');
    assert.equal(existsSync(out), false, 'no run folder');
    assert.equal(interruptRequested(), false, 'the flag ends with the operation');
  });

  test('runTrials: the worker stops its trial, nothing more runs, the call rejects; no run folder is counted as done', async () => {
    const spec = validateSweepSpec({
      name: 'long',
      base: { task: 'poly6', method: 'uniform', epochs: 400, backend: 'cpu', evalEvery: 50 },
      seeds: [1, 2, 3],
    });
    let signalled = 0;
    const t0 = performance.now();
    await assert.rejects(
      runTrials(expandTrials(spec), {
        root,
        workers: 1,
        onProgress: (p) => {
          if (p.running === 1 && signalled === 0) {
            signalled = performance.now();
            setTimeout(() => process.kill(process.pid, 'SIGINT'), 3000); // the worker is training by then
          }
        },
      }),
      (e: Error) => {
        assert.ok(isInterruptedError(e), e.message);
        assert.match(e.message, /^interrupted: 0 of 3 trials finished/);
        return true;
      },
    );
    assert.ok(
      (performance.now() - signalled) / 1000 < 3 + STOP_WITHIN_S,
      `${(performance.now() - t0) / 1000} s`,
    );
    const folders = existsSync(join(root, 'poly6')) ? readdirSync(join(root, 'poly6')) : [];
    assert.deepEqual(
      folders.filter((f) => existsSync(join(root, 'poly6', f, 'summary.json'))),
      [],
    );
    assert.equal(existsSync(join(root, 'failures')), false, 'an interrupt is not a failure');
  });
});
