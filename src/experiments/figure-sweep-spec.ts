import { canonicalJson } from '../records/config-hash.js';
import type { OptionValue } from '../options/option-spec.js';
import { figureSpec } from '../papers/figures.js';
import { expandTrials } from '../sweep/expand-trials.js';
import type { SweepPoint, SweepSpec } from '../sweep/sweep-spec.js';
import { resolveFigureSettings, variantSuffix } from './figure-spec.js';

/**
 * A figure's training runs as a sweep spec, for the sweep runner and its Slurm path (`isgrad sweep SPEC --slurm`):
 * one list point per distinct run configuration (method options flattened, as sweep points take them) crossed
 * with the figure's seeds. The sweep trains exactly the runs of the figure's plan (checked), so `reproduce` with
 * the same settings then loads them. Stored measurements that are not training runs (e.g. [MIS] Fig. 7's
 * reconstructions) are not in it: `reproduce` computes them.
 * @param id a figure id, e.g. 'mis/fig2-poly6'.
 * @param options the job's `scale` and `seeds` and the figure's `set` (as in `reproduce`).
 * @example
 * figureSweepSpec('mis/fig2-poly6', { set: { scale: 'full' } }).list?.length; // 6 curves
 */
export function figureSweepSpec(
  id: string,
  options: { scale?: 'quick' | 'full'; seeds?: number[]; set?: Readonly<Record<string, unknown>> } = {},
): SweepSpec {
  const spec = figureSpec(id);
  const base: Record<string, OptionValue> = {
    ...(options.scale ? { scale: options.scale } : {}),
    ...(options.seeds ? { seeds: options.seeds } : {}),
  };
  const { settings, changed } = resolveFigureSettings(spec, base, options.set ?? {});
  const runs = spec.plan(settings).runs.map((r) => r.options);
  if (runs.length === 0) throw new Error(`figure ${id}: its plan has no training runs (nothing to sweep)`);
  const list: SweepPoint[] = [];
  const seen = new Set<string>();
  for (const { seed: _seed, methodOptions, ...top } of runs) {
    const point = { ...top, ...(methodOptions ?? {}) } as SweepPoint;
    const key = canonicalJson(point);
    if (!seen.has(key)) list.push(point);
    seen.add(key);
  }
  const sweep: SweepSpec = {
    name: `${id.replace('/', '-')}${variantSuffix(settings, changed)}`,
    base: {},
    list,
    seeds: [...(settings.seeds as number[])],
  };
  // Every (point, seed) must be a run of the plan and the reverse: a plan whose seeds differ per curve does not
  // fit a list × seeds spec.
  const planned = new Set(
    runs.map((r) => canonicalJson({ ...r, seed: r.seed ?? 1, methodOptions: r.methodOptions ?? {} })),
  );
  const swept = new Set(expandTrials(sweep).map((t) => canonicalJson(t.options)));
  if (planned.size !== swept.size || [...swept].some((k) => !planned.has(k))) {
    throw new Error(`figure ${id}: its runs are not a list × seeds sweep; run it with isgrad reproduce`);
  }
  return sweep;
}
