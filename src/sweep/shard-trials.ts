/** A shard of a sweep: the `k`-th (1-based) of `n` parts. */
export interface Shard {
  k: number;
  n: number;
}

/**
 * Parses a `--shard k/n` value (1 ≤ k ≤ n, jest's convention; a Slurm array `--array=1-n` passes
 * `$SLURM_ARRAY_TASK_ID/n`).
 * @example
 * parseShard('2/4'); // { k: 2, n: 4 }
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) {
    throw new Error(`--shard must be k/n with integers 1 ≤ k ≤ n (e.g. 2/4), got '${text}'`);
  }
  return { k, n };
}

/**
 * The trials of shard k/n: those whose position in the sweep's expansion is ≡ k − 1 (mod n). Every trial is
 * in exactly one shard, shards differ in size by at most one, and the split depends only on the spec, so
 * machines that each run one shard need no coordination. Round-robin (not hashing) keeps neighbouring
 * trials (seeds of one config) apart, which balances costs that differ by config.
 * @example
 * shardTrials(['a', 'b', 'c'], { k: 1, n: 2 }); // ['a', 'c']
 */
export function shardTrials<T>(trials: readonly T[], shard: Shard): T[] {
  const { k, n } = shard;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 1 || k > n) {
    throw new Error(`shard must have integers 1 ≤ k ≤ n, got ${k}/${n}`);
  }
  return trials.filter((_, i) => i % n === k - 1);
}
