/**
 * `JSON.stringify` for result files: identical output, but a NaN or ±Infinity number (which JSON writes as a
 * silent `null`) throws a RangeError naming its key path and value, so no result file holds a null where a
 * number was computed. `null` values that were null stay null; `undefined` keys are dropped as usual.
 * @param value what to write.
 * @param space indentation, as for `JSON.stringify`. Default none.
 * @throws RangeError `final.trainLoss is NaN; a result number must be finite (JSON would write it as null)`.
 * @example
 * stringifyFinite({ final: { trainLoss: 0.25 } }, 2); // same text as JSON.stringify
 * stringifyFinite({ final: { trainLoss: NaN } }); // throws: final.trainLoss is NaN; ...
 */
export function stringifyFinite(value: unknown, space?: number): string {
  checkFinite(value, '');
  return JSON.stringify(value, null, space);
}

/** Walks plain objects and arrays (what result files hold) and throws at the first non-finite number. */
function checkFinite(v: unknown, path: string): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${path === '' ? '(value)' : path} is ${v}; a result number must be finite (JSON would write it as null)`,
      );
    }
    return;
  }
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => checkFinite(x, `${path}[${i}]`));
    return;
  }
  for (const [k, x] of Object.entries(v)) checkFinite(x, path === '' ? k : `${path}.${k}`);
}
