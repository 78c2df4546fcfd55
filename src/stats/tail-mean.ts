/** Options of {@link tailMean}. */
export interface TailMeanOptions {
  /** Column ordering the evaluations (e.g. 'step'). Default 'step'. */
  x?: string;
  /** Column averaged (e.g. 'excessLoss'). Required. */
  y: string;
  /** Column identifying a run (e.g. 'run' from `collectRuns`). Default 'run'. */
  series?: string;
  /** Share of each run's last evaluations averaged, in (0, 1]. Default 0.25. */
  fraction?: number;
  /** Average log10(y) and return 10^mean (a geometric mean, for losses at a noise floor). Default false. */
  geometric?: boolean;
}

/** Defaults of {@link tailMean}. */
export const tailMeanDefaults = { x: 'step', series: 'run', fraction: 0.25, geometric: false };

/**
 * Tail-averaged metric of each run: the mean of y over the last ⌈fraction · n⌉ of its n evaluations (ordered by
 * x). A final value at a noise floor fluctuates from evaluation to evaluation (on poly6 it varies 6× between
 * seeds); the tail average estimates the floor itself.
 * @returns one row per run: the run's other columns from its last evaluation, with y replaced by the tail mean
 *   and `tailCount` the number of evaluations averaged.
 * @example
 * tailMean(evals.objects(), { y: 'excessLoss', geometric: true });
 */
export function tailMean(rows: readonly object[], options: TailMeanOptions): Record<string, unknown>[] {
  const o = { ...tailMeanDefaults, ...options };
  if (!(o.fraction > 0 && o.fraction <= 1))
    throw new RangeError(`fraction must be in (0, 1], got ${o.fraction}`);
  const runs = new Map<unknown, Record<string, unknown>[]>();
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    const list = runs.get(r[o.series]) ?? [];
    list.push(r);
    runs.set(r[o.series], list);
  }
  const out: Record<string, unknown>[] = [];
  for (const [id, list] of runs) {
    const sorted = [...list].sort((a, b) => (a[o.x] as number) - (b[o.x] as number));
    const k = Math.ceil(o.fraction * sorted.length);
    const tail = sorted.slice(sorted.length - k);
    const ys = tail.map((r) => r[o.y]);
    ys.forEach((v) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || (o.geometric && v <= 0)) {
        throw new RangeError(`tailMean: run ${String(id)} has ${o.y} = ${String(v)} in its tail`);
      }
    });
    const vals = (ys as number[]).map((v) => (o.geometric ? Math.log10(v) : v));
    const m = vals.reduce((s, v) => s + v, 0) / vals.length;
    out.push({ ...sorted[sorted.length - 1], [o.y]: o.geometric ? 10 ** m : m, tailCount: k });
  }
  return out;
}
