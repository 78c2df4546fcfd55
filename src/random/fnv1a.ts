/**
 * 32-bit FNV-1a hash of a string (Fowler–Noll–Vo): stable across platforms, used to derive sub-seeds from labels
 * and to pick deterministic styles from names.
 * @example
 * fnv1a('isgrad'); // same unsigned 32-bit integer everywhere
 */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
