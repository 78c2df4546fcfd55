import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as isgrad from '../../src/index.js';
import { exportSections } from '../../scripts/typedoc-sections.mjs';

describe('API reference groups (scripts/typedoc-sections.mjs)', () => {
  test('names take the section of the comment above them, with type, alias, namespace and multi-line exports', () => {
    const text = [
      "import './builtins.js';",
      '// Samplers (METHODS §3)',
      "export { a, type B } from './a.js';",
      "export type { C } from './c.js';",
      '',
      '// Figures',
      'export {',
      '  d,',
      '  e as f,',
      "} from './d.js';",
      "export * as figures from './api/figures.js';",
    ].join('\n');
    const { sections, groupOf, unsectioned } = exportSections(text);
    assert.deepEqual(sections, ['Samplers', 'Figures']);
    assert.deepEqual(Object.fromEntries(groupOf), {
      a: 'Samplers',
      B: 'Samplers',
      C: 'Samplers',
      d: 'Figures',
      f: 'Figures',
      figures: 'Figures',
    });
    assert.deepEqual(unsectioned, []);
    assert.deepEqual(exportSections("export { x } from './x.js';").unsectioned, ['x']);
  });

  test('every runtime name of src/index.ts falls in a section', () => {
    const { sections, groupOf, unsectioned } = exportSections(readFileSync('src/index.ts', 'utf8'));
    assert.deepEqual(unsectioned, []);
    assert.ok(sections.length >= 10, `only ${sections.length} sections`);
    const missing = Object.keys(isgrad).filter((n) => !groupOf.has(n));
    assert.deepEqual(missing, [], `names without a section: ${missing.join(', ')}`);
  });
});
