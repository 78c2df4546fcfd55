import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  architectureMarkdown,
  architecturePath,
  currentArchitecture,
  parseLayers,
} from '../../scripts/docs-architecture.js';

describe('docs/architecture.md (generated from LAYERS in eslint.config.js)', () => {
  test('parseLayers reads folders and notes, and names the bad line', () => {
    const text =
      "const A = 1;\nconst LAYERS = [\n  ['random', 'backend'], // seeds; backend\n  ['data'], // data sets\n];\n";
    assert.deepEqual(parseLayers(text), [
      { folders: ['random', 'backend'], note: 'seeds; backend' },
      { folders: ['data'], note: 'data sets' },
    ]);
    assert.throws(() => parseLayers('const X = [];'), /no `const LAYERS = \[ \.\.\. \];` list found/);
    assert.throws(() => parseLayers("const LAYERS = [\n  ['a'],\n];"), /LAYERS line 1 is not of the form/);
  });

  test('the table has one row per layer, numbered from the bottom', () => {
    const md = architectureMarkdown([
      { folders: ['random'], note: 'seeded draws' },
      { folders: ['data', 'models'], note: 'a | b' },
    ]);
    assert.match(md, /\| 1 \| `random\/` \| seeded draws \|/);
    assert.match(md, /\| 2 \| `data\/`, `models\/` \| a \\\| b \|/);
  });

  test('every src/ folder in eslint.config.js appears, and the committed file is up to date', () => {
    const md = currentArchitecture();
    for (const f of ['random', 'emais', 'samplers', 'experiments', 'notebook'])
      assert.ok(md.includes(`\`${f}/\``));
    assert.equal(
      readFileSync(architecturePath, 'utf8'),
      md,
      'docs/architecture.md is out of date: run node --import tsx scripts/docs-architecture.ts',
    );
  });
});
