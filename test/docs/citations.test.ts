import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every citation of the methods document resolves, and nothing points at a tracker the repository does not have.
 * Scanned: src/, test/, notebooks/, docs/, bench/, scripts/ and the top-level README.md (generated and installed
 * folders skipped). Citations recognised:
 * - `METHODS §4.6`, ranges `METHODS §4.3–4.6` and lists `METHODS §3.1, §9`: each number must be a numbered heading
 *   of docs/methods.md;
 * - `docs/methods.md §4.6` and `docs/methods.md#46-scaling-check-...`: a heading number or a heading anchor;
 * - `METHODS Eq. 4.3`, `METHODS Eq. (1.1)`, `METHODS Eqs. 4.2–4.3`: an equation label, a line of docs/methods.md
 *   ending in `(4.3)`;
 * - a bare `METHODS.md` (the name the document had before it was in the repository) is an error.
 * A tracker reference ("issue" followed by a number) is an error too: the reason it stood for belongs in the text.
 */

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const ROOTS = ['src', 'test', 'notebooks', 'docs', 'bench', 'scripts', 'README.md'];
const SKIP_DIRS = new Set([
  'node_modules',
  '.venv',
  'dist',
  'api',
  '.ipynb_checkpoints',
  'results',
  'figures',
  'build', // notebooks/build: executed copies (ignored by git)
  '.jupyter',
]);
const TEXT = /\.(ts|mts|mjs|js|md|ipynb|py|sh)$/;
const SELF = 'test/docs/citations.test.ts';

/**
 * Heading numbers, GitHub anchors and equation labels of a Markdown text (`## 4 Multiple…`, `### 4.6 Scaling…`,
 * a line ending in `(4.3)`).
 */
export function methodsHeadings(markdown: string): {
  sections: Set<string>;
  anchors: Set<string>;
  equations: Set<string>;
} {
  const sections = new Set<string>();
  const anchors = new Set<string>();
  const equations = new Set<string>();
  for (const line of markdown.split('\n')) {
    const eq = /\((\d+\.\d+)\)\s*$/.exec(line);
    if (eq) equations.add(eq[1]);
    const m = /^#{1,6} +(.*)$/.exec(line);
    if (!m) continue;
    anchors.add(githubAnchor(m[1]));
    const num = /^(\d+(?:\.\d+)*) /.exec(m[1]);
    if (num) sections.add(num[1]);
  }
  return { sections, anchors, equations };
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (except - and _), spaces to hyphens. */
export function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** One problem found in a text: the offending citation and the line it is on. */
interface Finding {
  line: number;
  text: string;
  why: string;
}

/** The unresolved citations and tracker references of `text`, against the headings of docs/methods.md. */
export function checkText(text: string, headings: ReturnType<typeof methodsHeadings>): Finding[] {
  const found: Finding[] = [];
  const lines = text.split('\n');
  const sectionList = /§\s?(\d+(?:\.\d+)*)(?:\s?[–-]\s?(\d+(?:\.\d+)*))?/gy;
  lines.forEach((line, k) => {
    const at = (text: string, why: string) => found.push({ line: k + 1, text, why });
    for (const m of line.matchAll(/(METHODS|docs\/methods\.md) ?(?=§)/g)) {
      // a list of sections after one prefix: "§3.1, §9", "§4.3–4.6 and §5"
      let pos = m.index + m[0].length;
      for (;;) {
        sectionList.lastIndex = pos;
        const s = sectionList.exec(line);
        if (!s) break;
        for (const n of [s[1], s[2]]) {
          if (n === undefined) continue;
          const sec = n.replace(/\.$/, '');
          if (!headings.sections.has(sec)) at(`${m[1]} §${sec}`, 'no such section in docs/methods.md');
        }
        pos = sectionList.lastIndex;
        const sep = /^(,| and| or|;)? ?(?=§)/.exec(line.slice(pos));
        if (!sep) break;
        pos += sep[0].length;
      }
    }
    for (const m of line.matchAll(/METHODS Eqs?\. ?\(?(\d+\.\d+)\)?(?:\s?[–-]\s?\(?(\d+\.\d+)\)?)?/g))
      for (const n of [m[1], m[2]])
        if (n !== undefined && !headings.equations.has(n))
          at(`METHODS Eq. ${n}`, 'no equation of docs/methods.md is labelled so');
    for (const m of line.matchAll(/docs\/methods\.md#([\p{L}\p{N}_-]+)/gu))
      if (!headings.anchors.has(m[1])) at(m[0], 'no heading of docs/methods.md has this anchor');
    for (const m of line.matchAll(/(?<![\w/])METHODS\.md/g))
      at(m[0], 'the methods document is docs/methods.md (cite it as METHODS §x)');
  });
  // Tracker references, also when a line break (and a comment marker) splits "issue" from its number.
  for (const m of text.matchAll(/\bissues?(?:[ \t]*\n[ \t]*(?:\*|\/\/|#)?)?[ \t]*#?\d+/gi))
    found.push({
      line: text.slice(0, m.index).split('\n').length,
      text: m[0].replace(/\s+/g, ' '),
      why: 'a tracker reference: state the reason instead of the issue number',
    });
  return found;
}

function scanFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = join(ROOT, rel);
    if (statSync(abs).isDirectory()) {
      for (const e of readdirSync(abs)) if (!SKIP_DIRS.has(e)) walk(join(rel, e));
    } else if (TEXT.test(rel)) out.push(rel);
  };
  for (const r of ROOTS) walk(r);
  return out.filter((f) => relative(ROOT, join(ROOT, f)).split('\\').join('/') !== SELF);
}

describe('citations of docs/methods.md', () => {
  const headings = methodsHeadings(readFileSync(join(ROOT, 'docs', 'methods.md'), 'utf8'));

  test('the checker resolves sections, ranges, lists and anchors, and flags what does not resolve', () => {
    const h = methodsHeadings(
      '# Methods\n## 4 Multiple importance sampling\n### 4.6 Scaling check (H)\n    Ĝ = Σ_j α_j      (4.3)\n## 9 Defaults\n',
    );
    assert.deepEqual([...h.equations], ['4.3']);
    assert.deepEqual([...h.sections].sort(), ['4', '4.6', '9']);
    assert.ok(h.anchors.has('46-scaling-check-h'));
    const ok =
      'METHODS §4.6; METHODS §4–4.6, §9 and docs/methods.md §4; docs/methods.md#46-scaling-check-h; METHODS Eq. (4.3).';
    assert.deepEqual(checkText(ok, h), []);
    const bad = checkText(
      'METHODS §4.7\nsee METHODS §4, §5.1\ndocs/methods.md#nope\nin METHODS.md\n(issue #13)\n * see issue\n * 4.\nMETHODS Eq. 4.4',
      h,
    );
    assert.deepEqual(
      bad.map((f) => [f.line, f.text]),
      [
        [1, 'METHODS §4.7'],
        [2, 'METHODS §5.1'],
        [3, 'docs/methods.md#nope'],
        [4, 'METHODS.md'],
        [8, 'METHODS Eq. 4.4'],
        [5, 'issue #13'],
        [6, 'issue * 4'],
      ],
    );
  });

  test('docs/methods.md has the numbered sections the code relies on', () => {
    for (const s of ['0', '1.1', '1.2', '3.2', '4.6', '5.8', '5.13', '6.9', '7.3', '8', '9'])
      assert.ok(headings.sections.has(s), `docs/methods.md lacks a heading numbered ${s}`);
  });

  test('every METHODS citation resolves and no file cites an issue tracker', () => {
    const files = scanFiles();
    assert.ok(files.length > 100, `scanned only ${files.length} files: is ROOT (${ROOT}) the repository?`);
    const problems = files.flatMap((f) =>
      checkText(readFileSync(join(ROOT, f), 'utf8'), headings).map(
        (p) => `${f}:${p.line}: ${p.text}: ${p.why}`,
      ),
    );
    assert.equal(problems.length, 0, `${problems.length} unresolved:\n${problems.join('\n')}`);
  });
});
