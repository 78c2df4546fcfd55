import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Paths (with '/') of the files under `root` whose names end with `extension`, sorted. */
function listFiles(root: string, extension: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
      if (e.isDirectory()) return listFiles(root, extension, rel);
      return e.isFile() && e.name.endsWith(extension) ? [rel] : [];
    })
    .sort();
}

/**
 * SHA-256 over the files under `root` ending with `extension`, taken in sorted path order, each as its relative
 * path, its length and its bytes (so renaming, moving or editing any file changes the hash); first 12 hex digits.
 * @param root the folder, e.g. the kit's `dist/`.
 * @param extension file-name ending, e.g. '.js'.
 * @example
 * hashSourceTree('dist', '.js'); // '3f9a0c...'
 */
export function hashSourceTree(root: string, extension: string): string {
  const h = createHash('sha256');
  for (const rel of listFiles(root, extension)) {
    const bytes = readFileSync(join(root, rel));
    h.update(`${rel}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest('hex').slice(0, 12);
}

let cached: string | null = null;

/**
 * Hash of the code that is running (computed once per process): `dist/**\/*.js` when the kit runs built (the
 * CLI, `npm start`, the package), `src/**\/*.ts` when it runs from sources (tests and scripts under tsx). Part of
 * every run's key (`runKey`), so a code change without a version bump never loads results of the old code.
 * Build and source runs of the same code get different keys.
 * @example
 * codeHash(); // e.g. '5be1f0c29a44'
 */
export function codeHash(): string {
  if (cached === null) {
    const self = fileURLToPath(import.meta.url); // <root>/records/code-hash.(js|ts)
    cached = hashSourceTree(
      fileURLToPath(new URL('..', import.meta.url)),
      self.endsWith('.ts') ? '.ts' : '.js',
    );
  }
  return cached;
}
