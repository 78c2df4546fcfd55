import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeHash, hashSourceTree } from '../../src/records/code-hash.js';

describe('hashSourceTree / codeHash', () => {
  test('changes with any content, name or new file; ignores other extensions', () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-code-'));
    try {
      mkdirSync(join(root, 'train'));
      writeFileSync(join(root, 'index.js'), 'export const a = 1;\n');
      writeFileSync(join(root, 'train', 'step.js'), 'export const lr = 0.1;\n');
      const h0 = hashSourceTree(root, '.js');
      assert.match(h0, /^[0-9a-f]{12}$/);
      assert.equal(hashSourceTree(root, '.js'), h0, 'deterministic');
      writeFileSync(join(root, 'notes.md'), 'not code');
      writeFileSync(join(root, 'train', 'step.d.ts'), 'export declare const lr: number;');
      assert.equal(hashSourceTree(root, '.js'), h0, 'other extensions do not count');
      writeFileSync(join(root, 'train', 'step.js'), 'export const lr = 0.2;\n');
      const h1 = hashSourceTree(root, '.js');
      assert.notEqual(h1, h0, 'one changed character changes the hash');
      renameSync(join(root, 'train', 'step.js'), join(root, 'train', 'step2.js'));
      assert.notEqual(hashSourceTree(root, '.js'), h1, 'a renamed file changes the hash');
      writeFileSync(join(root, 'extra.js'), '');
      assert.notEqual(hashSourceTree(root, '.js'), hashSourceTree(root, '.ts'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('content moved between files changes the hash (lengths are part of it)', () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-code-'));
    try {
      writeFileSync(join(root, 'a.ts'), 'xy');
      writeFileSync(join(root, 'b.ts'), 'z');
      const h = hashSourceTree(root, '.ts');
      writeFileSync(join(root, 'a.ts'), 'x');
      writeFileSync(join(root, 'b.ts'), 'yz');
      assert.notEqual(hashSourceTree(root, '.ts'), h);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('codeHash hashes the running sources (src/**/*.ts under tsx), once per process', () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    assert.equal(codeHash(), hashSourceTree(src, '.ts'));
    assert.equal(codeHash(), codeHash());
  });
});
