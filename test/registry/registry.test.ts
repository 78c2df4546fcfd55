import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRegistry } from '../../src/registry/registry.js';

describe('createRegistry', () => {
  test('register, get, has and names in registration order', () => {
    const r = createRegistry<{ v: number }>('widget');
    assert.equal(r.kind, 'widget');
    assert.deepEqual(r.names(), []);
    r.register('b', { v: 2 });
    r.register('a', { v: 1 });
    assert.deepEqual(r.names(), ['b', 'a']);
    assert.equal(r.get('a').v, 1);
    assert.equal(r.has('a'), true);
    assert.equal(r.has('c'), false);
  });

  test('a duplicate name is rejected unless override is set; override replaces in place', () => {
    const r = createRegistry<number>('widget');
    r.register('a', 1);
    r.register('b', 2);
    assert.throws(
      () => r.register('a', 3),
      /widget 'a' is already defined; pass \{ override: true \} to replace it/,
    );
    assert.equal(r.get('a'), 1); // the failed registration changed nothing
    r.register('a', 3, { override: true });
    assert.equal(r.get('a'), 3);
    assert.deepEqual(r.names(), ['a', 'b']); // position kept
    r.register('c', 4, { override: true }); // override of a new name just registers it
    assert.deepEqual(r.names(), ['a', 'b', 'c']);
  });

  test('an unknown name lists the allowed names; an empty registry says how to fill it', () => {
    const r = createRegistry<number>('widget');
    assert.throws(
      () => r.get('x'),
      /unknown widget 'x'; allowed: none registered \(import 'isgrad' or src\/builtins\.ts/,
    );
    r.register('a', 1);
    r.register('b', 2);
    assert.throws(() => r.get('x'), /^Error: unknown widget 'x'; allowed: a, b$/);
  });

  test('names must be non-empty strings', () => {
    const r = createRegistry<number>('widget');
    assert.throws(() => r.register('', 1), /widget name must be a non-empty string, got ""/);
  });
});
