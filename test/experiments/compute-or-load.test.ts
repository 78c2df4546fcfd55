import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('a truncated, edited or checksum-less file is named on stderr and computed again, never half-read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-compute-damaged-'));
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      lines.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    try {
      let calls = 0;
      const compute = async () => ({ mean: 0.125, n: ++calls });
      const first = await computeOrLoad(root, 'probe', { seed: 1 }, compute);
      const damages: Array<[string, (text: string) => string, RegExp]> = [
        ['truncated', (t) => t.slice(0, 20), /is not valid JSON, truncated or edited/],
        ['edited', (t) => t.replace('0.125', '0.25'), /was edited or damaged: its checksum does not match/],
        [
          'older kit',
          (t) => t.replace(/,\s*"sha256": "[0-9a-f]+"/, ''),
          /has no checksum \(written by an older kit\)/,
        ],
      ];
      for (const [name, damage, message] of damages) {
        const text = readFileSync(first.path, 'utf8');
        assert.notEqual(damage(text), text, name);
        writeFileSync(first.path, damage(text));
        lines.length = 0;
        const again = await computeOrLoad(root, 'probe', { seed: 1 }, compute);
        assert.equal(again.cached, false, name);
        assert.equal(again.value.mean, 0.125, name);
        assert.equal(lines.length, 1, `${name}: one line`);
        assert.ok(lines[0].startsWith(`damaged result ${first.path}: `), lines[0]);
        assert.match(lines[0], message, name);
        assert.match(lines[0], /delete it; it will be computed again; computing it again\n$/, name);
        assert.equal(
          (await computeOrLoad(root, 'probe', { seed: 1 }, compute)).cached,
          true,
          `${name}: rewritten`,
        );
      }
    } finally {
      process.stderr.write = write;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
