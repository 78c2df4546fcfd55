// The sweep worker's task-instance cache: instances are reused, and the cached built-in tasks keep the built-in
// run keys (userRegistrations sees the built-in, not user code), while a user task stays user code.
import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { userRegistrations } from '../../src/builtins.js';
import { cacheTaskInstances } from '../../src/sweep/cache-task-instances.js';
import { getTask, registerTask } from '../../src/tasks/registry.js';

describe('cacheTaskInstances', () => {
  test('rejects a bad size', () => {
    assert.throws(() => cacheTaskInstances(0), /maxEntries must be an integer ≥ 1, got 0/);
  });

  test('reuses instances and leaves built-ins built-in, user tasks user code', async () => {
    registerTask({ ...getTask('poly6'), name: 'test-user-poly6' });
    assert.deepEqual(userRegistrations({ task: 'poly6', method: 'uniform' }), []);
    assert.equal(userRegistrations({ task: 'test-user-poly6', method: 'uniform' }).length, 1);
    cacheTaskInstances(2);
    assert.deepEqual(
      userRegistrations({ task: 'poly6', method: 'uniform' }),
      [],
      'cached built-in stays built-in',
    );
    assert.deepEqual(
      userRegistrations({ task: 'test-user-poly6', method: 'uniform' }).map((u) => [u.kind, u.name]),
      [['task', 'test-user-poly6']],
    );
    const a = await getTask('poly6').create({ dataSeed: 1, scale: 'quick' });
    const b = await getTask('poly6').create({ dataSeed: 1, scale: 'quick' });
    const c = await getTask('poly6').create({ dataSeed: 2, scale: 'quick' });
    assert.equal(a, b, 'same arguments: the same instance');
    assert.notEqual(a, c);
  });
});
