import '../../src/builtins.js';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { getTask, registerTask, taskNames } from '../../src/tasks/registry.js';
import { createTrainer } from '../../src/train/trainer.js';

describe('task registry', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  test('every task trains with IS on the wasm backend: finite losses, no tensor leak', async () => {
    // Tasks on external data sets that are not on this machine must say how to get them.
    const external: Record<string, { env: string; message: RegExp }> = {
      'pointcloud-modelnet40': { env: 'ISGRAD_MODELNET40_DIR', message: /ISGRAD_MODELNET40_DIR/ },
      'cifar-resnet': { env: 'ISGRAD_CIFAR_DIR', message: /ISGRAD_CIFAR_DIR/ },
    };
    for (const name of taskNames()) {
      const ext = external[name];
      if (ext !== undefined && process.env[ext.env] === undefined) {
        await assert.rejects(createTrainer({ task: name, method: 'is', backend: 'wasm' }), ext.message);
        continue;
      }
      // Small batches keep this quick; IS goes through its uniform init epoch on the first steps.
      const t = await createTrainer({ task: name, method: 'is', epochs: 2, batchSize: 16, backend: 'wasm' });
      assert.equal(t.backend.name, 'wasm');
      t.runStep();
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 4; i++) {
        const { record } = t.runStep();
        assert.ok(Number.isFinite(record.batchLoss), `${name}: batch loss ${record.batchLoss}`);
      }
      assert.equal(tf.memory().numTensors, n0, `${name} leaked tensors`);
      t.dispose();
    }
  });

  test('fingerprints and defaults are plain data; duplicate names are rejected', () => {
    for (const name of taskNames()) {
      const spec = getTask(name);
      assert.doesNotThrow(() => JSON.stringify(spec.fingerprint), name);
      assert.ok(spec.description.length > 0, name);
    }
    assert.throws(
      () => registerTask(getTask('poly6')),
      /task 'poly6' is already defined; pass \{ override: true \}/,
    );
  });
});
