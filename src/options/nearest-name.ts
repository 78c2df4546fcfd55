/** Edit distance (insertions, deletions, substitutions; a swap of two neighbours counts 1) of two strings. */
function editDistance(a: string, b: string): number {
  // d[i][j] = distance of a[0..i) and b[0..j) (optimal string alignment).
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The allowed name closest to a mistyped one, for a "did you mean" hint: the candidate with the smallest edit
 * distance (case ignored; a swap of two neighbouring letters counts 1), if that distance is at most a third of
 * the word's length (at least 1, at most 3); else undefined. Ties go to the earlier candidate.
 * @param word the unknown name, e.g. 'bacthSize'.
 * @param candidates the allowed names.
 * @example
 * nearestName('bacthSize', ['batchSize', 'lr']); // 'batchSize'
 * nearestName('zzz', ['batchSize', 'lr']); // undefined
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

/**
 * The message of an unknown name: `<what> '<word>'` with a nearest-name hint when one is close, then the
 * allowed names.
 * @param what e.g. 'unknown config key' or 'unknown or malformed option'.
 * @example
 * unknownNameMessage('train: unknown config key', 'bacthSize', ['batchSize', 'lr']);
 * // "train: unknown config key 'bacthSize' (did you mean 'batchSize'?); allowed: batchSize, lr"
 */
export function unknownNameMessage(what: string, word: string, candidates: readonly string[]): string {
  const near = nearestName(word, candidates);
  return `${what} '${word}'${near === undefined ? '' : ` (did you mean '${near}'?)`}; allowed: ${candidates.join(', ')}`;
}
