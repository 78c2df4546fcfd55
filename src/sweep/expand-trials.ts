import { configHash } from '../records/config-hash.js';
import { trainDefaults, type TrainConfig } from '../train/config.js';
import { getMethod } from '../methods/method-spec.js';
import { resolveConfig } from '../train/resolve-config.js';
import type { SweepPoint, SweepSpec, SweepValue } from './sweep-spec.js';

/** Options of one training run, as `runOrLoad` and `train` take them. */
export type TrialOptions = Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;

/** One trial of a sweep: one config and one seed. */
export interface Trial {
  /** Position in the sweep's full expansion (list × grid × seeds, seeds innermost). */
  index: number;
  /** Stable hash of the fully resolved config (every key but `out`; key order does not matter). */
  id: string;
  /** Human-readable label, e.g. 'poly6/omis beta=0.5 seed=2'. */
  label: string;
  /** The keys the sweep varies (grid and list keys) with this trial's values. */
  values: SweepPoint;
  /** Options for `runOrLoad` / `train`. */
  options: TrialOptions;
}

const CONFIG_KEYS = new Set<string>(['task', 'method', ...Object.keys(trainDefaults)]);

/** The grid's cartesian product, first key outermost. */
function gridPoints(grid: Record<string, SweepValue[]>): SweepPoint[] {
  let points: SweepPoint[] = [{}];
  for (const [k, vs] of Object.entries(grid))
    points = points.flatMap((p) => vs.map((v) => ({ ...p, [k]: v })));
  return points;
}

function describe(p: SweepPoint): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}

/**
 * Splits a flat point into top-level config keys and method options; a key that is neither a config key nor an
 * option of the trial's method is an error.
 */
function toOptions(point: SweepPoint, where: string): TrialOptions {
  const { task, method } = point;
  if (typeof task !== 'string')
    throw new Error(`${where}: 'task' must be a task name, got ${JSON.stringify(task)}`);
  if (typeof method !== 'string') {
    throw new Error(`${where}: 'method' must be a method name, got ${JSON.stringify(method)}`);
  }
  const spec = getMethod(method);
  const declared = spec.options ?? {};
  const top: Record<string, unknown> = {};
  const methodOptions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(point)) {
    if (CONFIG_KEYS.has(k) && k !== 'methodOptions') top[k] = v;
    else if (k in declared) methodOptions[k] = v;
    else {
      const opts = Object.keys(declared);
      throw new Error(
        `${where}: unknown key '${k}': not a config key and not an option of method '${method}'` +
          (opts.length > 0 ? ` (its options: ${opts.join(', ')})` : ' (it takes no options)'),
      );
    }
  }
  return { ...(top as TrialOptions), methodOptions: methodOptions as TrainConfig['methodOptions'] };
}

/**
 * Expands a sweep spec into its trials: every list variant × every grid point × every seed (seeds innermost),
 * each resolved and validated as `train` would, so that an unknown key or an invalid value fails before
 * anything runs, with a message naming the key and the trial.
 * @example
 * const trials = expandTrials({ name: 'b', base: { task: 'poly6', method: 'omis' }, grid: { beta: [0, 0.9] }, seeds: [1, 2] });
 * trials.length; // 4
 */
export function expandTrials(spec: SweepSpec): Trial[] {
  const variants = (spec.list ?? [{}]).flatMap((l) => gridPoints(spec.grid ?? {}).map((g) => ({ l, g })));
  const trials: Trial[] = [];
  const seen = new Map<string, number>();
  for (const { l, g } of variants) {
    for (const seed of spec.seeds) {
      const index = trials.length;
      const values: SweepPoint = { ...l, ...g };
      const point: SweepPoint = { ...spec.base, ...l, ...g, seed };
      const where = `sweep '${spec.name}', trial ${index} (${describe({ ...values, seed })})`;
      const options = toOptions(point, where);
      let id: string;
      try {
        const { out: _o, ...resolved } = resolveConfig({ ...options, out: null });
        id = configHash(resolved);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
      const twin = seen.get(id);
      if (twin !== undefined) {
        throw new Error(
          `${where}: same resolved config as trial ${twin}; remove the duplicate from the spec`,
        );
      }
      seen.set(id, index);
      const label =
        `${options.task}/${options.method}${Object.keys(values).length > 0 ? ' ' : ''}${Object.entries(values)
          .filter(([k]) => k !== 'method' && k !== 'task')
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(' ')} seed=${seed}`.replace(/\s+/g, ' ');
      trials.push({ index, id, label, values, options });
    }
  }
  return trials;
}

/**
 * Trials from plain run options (as `runOrLoad` takes them), for callers that already have a list of runs, such
 * as the main job: each is resolved and validated like a sweep's trial; runs with the same resolved config
 * (a run shared by two figures) become one trial.
 * @param label prefix of error messages. Default 'runs'.
 * @example
 * const results = await runTrials(toTrials([{ task: 'poly6', method: 'is', seed: 1 }]), { root: 'results' });
 */
export function toTrials(runs: readonly TrialOptions[], label = 'runs'): Trial[] {
  const trials: Trial[] = [];
  const seen = new Set<string>();
  runs.forEach((options, i) => {
    let id: string;
    try {
      const { out: _o, ...resolved } = resolveConfig({ ...options, out: null });
      id = configHash(resolved);
    } catch (e) {
      throw new Error(`${label}[${i}] (${options.task}/${options.method}): ${(e as Error).message}`);
    }
    if (seen.has(id)) return;
    seen.add(id);
    const seed = options.seed ?? trainDefaults.seed;
    trials.push({
      index: trials.length,
      id,
      label: `${options.task}/${options.method} seed=${seed}`,
      values: {},
      options,
    });
  });
  return trials;
}
