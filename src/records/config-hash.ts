import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted recursively, so equal configs always serialise identically. Functions
 * serialise as `fn(f)` when `fn` is given (else as `JSON.stringify` gives them).
 * @example
 * canonicalJson({ b: 1, a: [2] }); // '{"a":[2],"b":1}'
 */
export function canonicalJson(v: unknown, fn?: (f: (...args: never[]) => unknown) => string): string {
  if (typeof v === 'function' && fn !== undefined) return fn(v as (...args: never[]) => unknown);
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x, fn)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k], fn)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Short hash of a configuration (first 12 hex digits of SHA-256 of its canonical JSON): the key under which a
 * run's results are stored, so an interrupted sweep resumes by skipping runs whose key already has results.
 * @example
 * configHash({ task: 'poly6', seed: 1 }) === configHash({ seed: 1, task: 'poly6' }); // true
 */
export function configHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 12);
}
