import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKEND_ENV, installHints, setupBackend } from '../../src/backend/setup-backend.js';

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

  it(`${BACKEND_ENV} fixes what 'auto' means; a bad value is an error naming the variable`, async () => {
    const before = process.env[BACKEND_ENV];
    try {
      process.env[BACKEND_ENV] = 'cpu';
      const info = await setupBackend('auto');
      assert.equal(info.name, 'cpu');
      assert.equal(info.requested, 'auto');
      process.env[BACKEND_ENV] = 'wasm';
      assert.equal((await setupBackend('auto')).name, 'wasm', 'a changed variable is honoured, not cached');
      process.env[BACKEND_ENV] = 'gpu';
      await assert.rejects(setupBackend('auto'), /ISGRAD_BACKEND='gpu' is not a backend; allowed: auto, /);
    } finally {
      if (before === undefined) delete process.env[BACKEND_ENV];
      else process.env[BACKEND_ENV] = before;
    }
  });
});
