import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { table } from 'arquero';
import { installTableInspect } from '../../src/notebook/table-inspect.js';

describe('installTableInspect', () => {
  it('prints arquero tables as text tables (first 10 rows), idempotently', () => {
    installTableInspect();
    installTableInspect();
    const t = table({ step: Array.from({ length: 12 }, (_, i) => i), method: Array(12).fill('is') });
    const text = inspect(t);
    assert.equal(text.split('\n')[0], 'step  method');
    assert.equal(text.split('\n').at(-1), '(showing 10 of 12 rows)');
    assert.ok(!text.includes('_data'), 'no internals');
  });
});
