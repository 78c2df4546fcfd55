import { readFileSync } from 'node:fs';

let cached: string | null = null;

/**
 * The kit's version from its package.json (`src/` and `dist/` both sit one level below the package root).
 * @example
 * kitVersion(); // '0.1.0'
 */
export function kitVersion(): string {
  if (cached === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    cached = pkg.version;
  }
  return cached;
}
