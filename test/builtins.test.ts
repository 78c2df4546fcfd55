import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { registerBuiltins } from '../src/builtins.js';
import { estimatorNames } from '../src/estimators/registry.js';
import { importanceNames } from '../src/importance/registry.js';
import { lossNames } from '../src/losses/registry.js';
import { getMethod, methodNames } from '../src/methods/method-spec.js';
import { samplerNames } from '../src/samplers/registry.js';
import { taskNames } from '../src/tasks/registry.js';

describe('registerBuiltins', () => {
  test('registers every built-in once; a second call changes nothing', () => {
    const before = [
      taskNames(),
      lossNames(),
      importanceNames(),
      samplerNames(),
      estimatorNames(),
      methodNames(),
    ];
    registerBuiltins(); // idempotent: no duplicate-name error, same listings
    assert.deepEqual(
      [taskNames(), lossNames(), importanceNames(), samplerNames(), estimatorNames(), methodNames()],
      before,
    );
    assert.deepEqual(lossNames(), ['softmax-ce', 'mse']);
    assert.deepEqual(estimatorNames(), ['weighted-loss', 'mis-balance', 'omis']);
    assert.deepEqual(methodNames().slice(0, 4), ['uniform', 'uniform-replace', 'is', 'as']);
  });

  test("every method's sampler, estimator and default importance are registered", () => {
    for (const m of methodNames()) {
      const spec = getMethod(m);
      assert.ok(samplerNames().includes(spec.sampler), `${m}: sampler ${spec.sampler}`);
      assert.ok(estimatorNames().includes(spec.estimator ?? 'weighted-loss'), `${m}: estimator`);
      if (spec.importance !== undefined) assert.ok(importanceNames().includes(spec.importance), m);
    }
  });
});
