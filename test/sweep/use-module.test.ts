import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { usedModules, useModule, writeModule } from '../../src/sweep/use-module.js';

describe('useModule / writeModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isgrad-use-module-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const g = globalThis as { useModuleTest?: string[] };

  test('writeModule names the file after its content, imports it once per content, and lists it for the workers', async () => {
    g.useModuleTest = [];
    const a = await writeModule(join(dir, 'ideas.mjs'), 'globalThis.useModuleTest.push("a");\n');
    const again = await writeModule(join(dir, 'ideas.mjs'), 'globalThis.useModuleTest.push("a");\n');
    const b = await writeModule(join(dir, 'ideas.mjs'), 'globalThis.useModuleTest.push("b");\n');
    assert.equal(a, again);
    assert.notEqual(a, b);
    assert.match(basename(a), /^ideas-[0-9a-f]{8}\.mjs$/);
    assert.equal(readFileSync(b, 'utf8'), 'globalThis.useModuleTest.push("b");\n');
    assert.deepEqual(g.useModuleTest, ['a', 'b'], 'each content ran once');
    assert.deepEqual(
      usedModules().filter((f) => f.startsWith(dir)),
      [a, b],
    );
  });

  test('a missing file is an error naming it', async () => {
    await assert.rejects(useModule(join(dir, 'nope.ts')), /useModule: no file '.*nope\.ts'/);
  });
});
