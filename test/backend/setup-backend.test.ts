import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installHints, setupBackend } from '../../src/backend/setup-backend.js';

describe('setupBackend', () => {
  it('a missing node package is an error naming the package and how to install it', async () => {
    // No GPU build is installed here (nor in CI): the request fails, naming the package and docs/backends.md.
    await assert.rejects(
      setupBackend('tensorflow-gpu'),
      (e: Error) =>
        /could not start backend 'tensorflow-gpu'/.test(e.message) &&
        e.message.includes('@tensorflow/tfjs-node-gpu') &&
        e.message.includes(installHints['tensorflow-gpu']),
    );
  });

  it('the hint for tensorflow is the install command', () => {
    assert.match(installHints.tensorflow, /npm run backend:tensorflow/);
  });

  it('rejects an unknown backend, listing the allowed ones', async () => {
    await assert.rejects(
      setupBackend('tpu' as 'cpu'),
      /unknown backend 'tpu'; allowed: auto, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });
});
