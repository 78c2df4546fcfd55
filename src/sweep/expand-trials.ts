import { configHash } from '../records/config-hash.js';
import { trainDefaults, type TrainConfig } from '../train/config.js';
import { getMethod } from '../methods/method-spec.js';
import { resolveConfig } from '../train/resolve-config.js';
import type { Shard } from './shard-trials.js';
import type { SweepPoint, SweepSpec } from './sweep-spec.js';

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

/** Trials one call of {@link expandTrials} builds at most (each holds its resolved options). */
export const MAX_TRIALS = 100_000;

/**
 * Number of trials of a sweep spec (list variants × grid points × seeds), without expanding it.
 * @example
 * countTrials({ name: 'b', base: { task: 'poly6', method: 'omis' }, grid: { beta: [0, 0.9] }, seeds: [1, 2] }); // 4
 */
export function countTrials(spec: SweepSpec): number {
  const grid = Object.values(spec.grid ?? {}).reduce((n, vs) => n * vs.length, 1);
  return (spec.list ?? [{}]).length * grid * spec.seeds.length;
}

/** Options of {@link expandTrials}. */
export interface ExpandTrialsOptions {
  /** Expand only this shard's trials (see `shardTrials`: positions ≡ k − 1 mod n). Default null: every trial. */
  shard?: Shard | null;
}

/**
 * Expands a sweep spec into its trials: every list variant × every grid point × every seed (seeds innermost),
 * each resolved and validated as `train` would, so that an unknown key or an invalid value fails before
 * anything runs, with a message naming the key and the trial. Trials are built one by one from their position,
 * so `shard` builds only its own; more than {@link MAX_TRIALS} at once is an error that gives the count and the
 * number of shards to use.
 * @example
 * const trials = expandTrials({ name: 'b', base: { task: 'poly6', method: 'omis' }, grid: { beta: [0, 0.9] }, seeds: [1, 2] });
 * trials.length; // 4
 * expandTrials(spec, { shard: { k: 1, n: 2 } }).map((t) => t.index); // [0, 2]
 */
export function expandTrials(spec: SweepSpec, options: ExpandTrialsOptions = {}): Trial[] {
  const lists = spec.list ?? [{}];
  const grid = Object.entries(spec.grid ?? {});
  const total = countTrials(spec);
  const shard = options.shard ?? null;
  const [first, step] = shard === null ? [0, 1] : [shard.k - 1, shard.n];
  const selected = Math.max(0, Math.ceil((total - first) / step));
  if (selected > MAX_TRIALS) {
    const shards = Math.ceil(total / MAX_TRIALS);
    throw new Error(
      `sweep '${spec.name}' has ${total} trials${shard === null ? '' : ` (${selected} in shard ${shard.k}/${shard.n})`}` +
        ` (${lists.length} list variants × ${grid.map(([k, vs]) => `${vs.length} ${k}`).join(' × ') || '1 grid point'}` +
        ` × ${spec.seeds.length} seeds); at most ${MAX_TRIALS} run in one call: split it into shards ` +
        `(isgrad sweep SPEC --shard k/${shards} for k = 1..${shards}, or --slurm --shards ${shards}) or shrink the grid`,
    );
  }
  const trials: Trial[] = [];
  const seen = new Map<string, number>();
  for (let index = first; index < total; index += step) {
    // Position → (list variant, grid point, seed): seeds innermost, the grid's last key next, the list outermost.
    const seed = spec.seeds[index % spec.seeds.length];
    let rest = Math.floor(index / spec.seeds.length);
    const g: SweepPoint = {};
    for (let j = grid.length - 1; j >= 0; j--) {
      const [k, vs] = grid[j];
      g[k] = vs[rest % vs.length];
      rest = Math.floor(rest / vs.length);
    }
    const l = lists[rest];
    const values: SweepPoint = { ...l, ...Object.fromEntries(grid.map(([k]) => [k, g[k]])) };
    const point: SweepPoint = { ...spec.base, ...values, seed };
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
      throw new Error(`${where}: same resolved config as trial ${twin}; remove the duplicate from the spec`);
    }
    seen.set(id, index);
    const label =
      `${options.task}/${options.method}${Object.keys(values).length > 0 ? ' ' : ''}${Object.entries(values)
        .filter(([k]) => k !== 'method' && k !== 'task')
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')} seed=${seed}`.replace(/\s+/g, ' ');
    trials.push({ index, id, label, values, options });
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
