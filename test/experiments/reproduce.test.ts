import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPERIMENTS, reproduce } from '../../src/experiments/reproduce.js';

describe('reproduce', () => {
  test('registers the experiment modules of every paper', () => {
    assert.deepEqual(Object.keys(EXPERIMENTS), ['mis', 'emais', 'baselines', 'pointcloud']);
  });

  test('a partial run keeps earlier gallery entries whose files still exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-gallery-'));
    try {
      writeFileSync(join(dir, 'a.html'), '<html></html>');
      writeFileSync(
        join(dir, 'gallery.json'),
        JSON.stringify([
          { title: 'A', file: 'a.html', caption: 'kept' },
          { title: 'Gone', file: 'gone.html', caption: 'file deleted since' },
        ]),
      );
      // 'none' matches no part: nothing trains, only the gallery is rebuilt from the manifest.
      await reproduce({ only: ['none'], figures: dir, results: join(dir, 'results') });
      const manifest = JSON.parse(readFileSync(join(dir, 'gallery.json'), 'utf8'));
      assert.deepEqual(manifest, [{ title: 'A', file: 'a.html', caption: 'kept' }]);
      assert.match(readFileSync(join(dir, 'index.html'), 'utf8'), /a\.html/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
