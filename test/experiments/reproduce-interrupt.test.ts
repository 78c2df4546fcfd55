import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reproduce, type ReproducePart } from '../../src/experiments/reproduce.js';
import { runOrLoad } from '../../src/experiments/run-or-load.js';
import { isInterruptedError } from '../../src/train/interrupt.js';

describe('reproduce and SIGINT', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-reproduce-interrupt-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('an interrupt ends the job (not a crashed part and on to the next): rejects, later parts never run, no run folder', async () => {
    const ran: string[] = [];
    const long: ReproducePart = {
      name: 'long',
      requires: [],
      run: async (ctx) => {
        ran.push('long');
        let signalled = false;
        await runOrLoad(
          { task: 'poly6', method: 'is', epochs: 200, evalEvery: 20, backend: 'cpu' },
          ctx.results,
          {
            ...ctx.hooks('long'),
            onProgress: (p) => {
              if (p.step >= 40 && !signalled) {
                signalled = true;
                process.kill(process.pid, 'SIGINT');
              }
            },
          },
        );
        return [];
      },
    };
    const next: ReproducePart = { name: 'next', requires: [], run: async () => (ran.push('next'), []) };
    const results = join(root, 'results');
    await assert.rejects(
      reproduce({ parts: [long, next], results, figures: join(root, 'figures'), workers: 0, seeds: [1] }),
      (e: Error) => {
        assert.ok(isInterruptedError(e), e.message);
        assert.match(e.message, /^interrupted in part long; run again to resume/);
        return true;
      },
    );
    assert.deepEqual(ran, ['long']);
    const runs = existsSync(join(results, 'poly6')) ? readdirSync(join(results, 'poly6')) : [];
    assert.deepEqual(
      runs.filter((f) => existsSync(join(results, 'poly6', f, 'summary.json'))),
      [],
    );
  });
});
