import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, configHash } from '../../src/records/config-hash.js';

describe('configHash', () => {
  test('independent of key order, sensitive to values', () => {
    assert.equal(
      configHash({ a: 1, b: [1, 2], c: { x: 1, y: 2 } }),
      configHash({ c: { y: 2, x: 1 }, b: [1, 2], a: 1 }),
    );
    assert.notEqual(configHash({ a: 1 }), configHash({ a: 2 }));
    assert.notEqual(configHash({ a: [1, 2] }), configHash({ a: [2, 1] }));
    assert.match(configHash({}), /^[0-9a-f]{12}$/);
  });
  test('undefined fields are dropped like JSON does', () => {
    assert.equal(canonicalJson({ a: 1, b: undefined }), '{"a":1}');
  });
});
