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

  test('names must match one safe pattern (they become folder names): checked at registration', () => {
    const r = createRegistry<number>('widget');
    for (const bad of ['', '../../ESCAPED', 'a/b', '.hidden', '..', 'a b', 'a\\b', 'é', 'x\n']) {
      assert.throws(
        () => r.register(bad, 1),
        new RegExp(
          `^Error: widget name must be letters, digits, '-', '_' or '\\.', not starting with '\\.', got ` +
            `${JSON.stringify(bad).replace(/[.\\\\]/g, (c) => `\\${c}`)}; names become folder and file names`,
        ),
        JSON.stringify(bad),
      );
    }
    assert.throws(() => r.register(3 as unknown as string, 1), /widget name must be letters/);
    for (const good of ['poly6', 'is', 'output-grad', 'my_phi.v2', '-x', '3d']) r.register(good, 1);
    assert.deepEqual(r.names(), ['poly6', 'is', 'output-grad', 'my_phi.v2', '-x', '3d']);
  });

  test('the registries of the kit refuse an escaping task or method name (via --preload or a notebook)', async () => {
    await import('../../src/builtins.js');
    const { registerTask, getTask } = await import('../../src/tasks/registry.js');
    const { registerMethod, getMethod } = await import('../../src/methods/method-spec.js');
    assert.throws(
      () => registerTask({ ...getTask('poly6'), name: '../../ESCAPED' }),
      /task name must be letters, digits/,
    );
    assert.throws(
      () => registerMethod({ ...getMethod('is'), name: '../../ESCAPED' }),
      /method name must be letters, digits/,
    );
  });
});
