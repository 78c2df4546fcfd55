import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Joins `parts` (names of tasks, methods, measurements, …) under `root` and checks that the result stays below
 * `root`: a part such as '../../x', an absolute path or one that resolves to `root` itself is an error naming the
 * parts, so no registered or user-given name writes outside the results folder. Registered names are already
 * checked at registration (`createRegistry`); this is the second line, at every path built from a name.
 * @param root the folder every path must stay under, e.g. the results folder.
 * @param parts path parts below it.
 * @returns `join(root, ...parts)`.
 * @example
 * pathUnder('results', 'poly6', 'is-s1-0c1d2e3f4a5b'); // 'results/poly6/is-s1-0c1d2e3f4a5b'
 * pathUnder('results', '../../escaped'); // throws
 */
export function pathUnder(root: string, ...parts: string[]): string {
  const path = join(root, ...parts);
  const rel = relative(resolve(root), resolve(path));
  if (rel === '' || rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel)) {
    throw new Error(
      `the path built from ${parts.map((p) => JSON.stringify(p)).join(', ')} is ${resolve(path)}, which is not ` +
        `inside ${resolve(root)}; names must not hold '..' or '/' (letters, digits, '-', '_', '.')`,
    );
  }
  return path;
}
