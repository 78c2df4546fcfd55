import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeOrLoad } from '../../src/experiments/compute-or-load.js';

describe('computeOrLoad', () => {
  it('computes once, then loads the stored value for the same settings; other settings compute again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-compute-'));
    try {
      let calls = 0;
      const compute = async () => ({ value: ++calls, list: [1.5, 2] });
      const a = await computeOrLoad(root, 'probe', { seed: 1 }, compute);
      assert.equal(a.cached, false);
      assert.deepEqual(a.value, { value: 1, list: [1.5, 2] });
      const b = await computeOrLoad(root, 'probe', { seed: 1 }, compute);
      assert.equal(b.cached, true);
      assert.deepEqual(b.value, a.value);
      assert.equal(b.path, a.path);
      const c = await computeOrLoad(root, 'probe', { seed: 2 }, compute);
      assert.equal(c.cached, false);
      assert.equal(c.value.value, 2);
      assert.equal(calls, 2);
      assert.deepEqual(readdirSync(join(root, 'probe')).sort().length, 2); // no temporaries left
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
