import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressLine, defaultProgressMode } from '../../src/train/progress-line.js';

describe('createProgressLine', () => {
  test("'log' (a file): the first state, then at most one line per 10 s, and the last state at the end", () => {
    const out: string[] = [];
    const line = createProgressLine({ mode: 'log', write: (t) => out.push(t) });
    for (let i = 1; i <= 100; i++) line.update(`${i}/100`);
    line.note('failed: trial 7');
    line.end();
    assert.deepEqual(out, ['1/100\n', 'failed: trial 7\n', '100/100\n']);
  });

  test("'terminal': one line redrawn with carriage returns, a note on its own line, a newline at the end", () => {
    const out: string[] = [];
    const line = createProgressLine({ mode: 'terminal', write: (t) => out.push(t) });
    line.update('1/2');
    line.note('failed: x');
    line.update('2/2', true);
    line.end();
    assert.deepEqual(out, ['\r1/2\x1b[K', '\n', 'failed: x\n', '\r2/2\x1b[K', '\n']);
  });

  test("'notebook' (tslab): one display entry updated in place, at most every 0.5 s, the final state always", () => {
    const shown: string[] = [];
    let displays = 0;
    const g = globalThis as { __tslab__?: unknown };
    g.__tslab__ = {
      require: (id: string) => {
        assert.equal(id, 'tslab');
        return { newDisplay: () => (displays++, { text: (s: string) => shown.push(s) }) };
      },
    };
    try {
      assert.equal(defaultProgressMode(), 'notebook');
      const line = createProgressLine({ write: () => assert.fail('nothing goes to stderr') });
      for (let i = 1; i <= 1000; i++) line.update(`${i}/1000`, i === 1000);
      line.end();
      assert.equal(displays, 1);
      assert.deepEqual(shown, ['1/1000', '1000/1000']);
    } finally {
      delete g.__tslab__;
    }
  });
});
