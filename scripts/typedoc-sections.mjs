// TypeDoc plugin: groups the API reference by the sections of an entry file. A section starts at a line comment
// `// Title` (e.g. `// Samplers (METHODS §1, §3)`); every name re-exported after it, up to the next section,
// gets the TypeDoc group `Title` (the parenthesised part dropped), and so does a namespace re-exported after it
// (`export * as samplers from './api/samplers.js'`). Used by `npm run docs` (typedoc.json) for src/index.ts, so
// the reference reads in the order and grouping the public API is written in.
import { readFileSync } from 'node:fs';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/**
 * Maps each name exported by an entry file to the title of the section it is exported under.
 * @param {string} text - the entry file's source.
 * @returns {{ sections: string[], groupOf: Map<string, string>, unsectioned: string[] }}
 */
export function exportSections(text) {
  const sections = [];
  const groupOf = new Map();
  const unsectioned = [];
  let current = null;
  // Statements: `export { a, type B, c as d } from '...';` and `export type { ... } from '...';`, possibly multi-line.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^\/\/ (\S.*)$/.exec(line);
    if (heading) {
      current = heading[1].replace(/\s*\(.*\)\s*$/, '').trim();
      if (!sections.includes(current)) sections.push(current);
      continue;
    }
    const namespace = /^export \* as (\w+) from /.exec(line);
    if (namespace) {
      // `export * as samplers from './api/samplers.js'`: the namespace takes the section's group
      if (current === null) unsectioned.push(namespace[1]);
      else groupOf.set(namespace[1], current);
      continue;
    }
    if (!/^export (type )?\{/.test(line)) continue;
    let stmt = line;
    while (!/\}/.test(stmt) && i + 1 < lines.length) stmt += ' ' + lines[++i];
    const body = /\{([^}]*)\}/.exec(stmt)[1];
    for (const part of body.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()
        .trim();
      if (name === '') continue;
      if (current === null) unsectioned.push(name);
      else groupOf.set(name, current);
    }
  }
  return { sections, groupOf, unsectioned };
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const { groupOf, sections, unsectioned } = exportSections(readFileSync('src/index.ts', 'utf8'));
    if (unsectioned.length > 0)
      app.logger.warn(`src/index.ts exports ${unsectioned.join(', ')} before any "// Section" comment`);
    const project = context.project;
    const modules = project.children?.filter((c) => c.kindOf(ReflectionKind.Module)) ?? [];
    // Modules are named after the package's import paths: src/index.ts is `isgrad`, src/notebook/index.ts
    // `isgrad/notebook`, src/internals.ts `isgrad/internals` (TypeDoc would call them by their file names).
    const source = (m) => m.sources?.[0]?.fullFileName.split('\\').join('/') ?? '';
    for (const m of modules) {
      if (source(m).endsWith('/src/index.ts')) m.name = 'isgrad';
      else if (source(m).endsWith('/src/notebook/index.ts')) m.name = 'isgrad/notebook';
      else if (source(m).endsWith('/src/internals.ts')) m.name = 'isgrad/internals';
    }
    const main = modules.find((m) => m.name === 'isgrad') ?? (modules.length === 0 ? project : undefined);
    if (main === undefined) {
      app.logger.warn(
        `typedoc-sections: no module for src/index.ts among ${modules.map((m) => `${m.name} (${source(m)})`).join(', ')}`,
      );
      return;
    }
    for (const child of main.children ?? []) {
      const group = groupOf.get(child.name);
      if (group === undefined) continue;
      child.comment ??= new Comment();
      child.comment.blockTags.push(new CommentTag('@group', [{ kind: 'text', text: group }]));
    }
    app.options.setValue('groupOrder', [...sections, '*']);
  });
}
