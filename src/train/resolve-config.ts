import { getImportance } from '../importance/registry.js';
import { getMethod, resolveMethodOptions } from '../methods/method-spec.js';
import { optionFlag } from '../options/option-spec.js';
import { getTask } from '../tasks/registry.js';
import { trainDefaults, type TrainConfig } from './config.js';
import { OPTIMIZERS } from './optimizer.js';
import { SCHEDULES } from './schedule.js';

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Seeds are integers in [0, 2^53 − 1] (`Number.MAX_SAFE_INTEGER`): above 2^53 neighbouring integers are the same
 * double (1e20 + 1 === 1e20), so such a "seed" does not name one run. The Rng (`createRng`) hashes the seed's
 * decimal digits to a 32-bit key (FNV-1a, then SplitMix32 → xoshiro128**), so every seed in the range is accepted
 * and distinct seeds give distinct streams up to 32-bit hash collisions.
 */
function seedCheck(k: 'seed' | 'dataSeed', v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`${k} must be an integer in [0, 2^53 − 1], got ${v}`);
  }
}

/** Former top-level fields that are now declared method options (a clear error instead of a silent no-op). */
const MOVED_TO_METHOD_OPTIONS = ['alpha', 'eps', 'epsMode'] as const;

/**
 * Fills a config from the global defaults, the task's defaults and the given options, and validates it. Method
 * options are filled from the method's declarations, then the task's `methodDefaults`, then
 * `options.methodOptions`; an option the method does not declare, or a value outside its declared range, is an
 * error naming the CLI flag (`--alpha (method is) must be a number in [0, 1), got 1`).
 * @param options at least `task` and `method`; every other {@link TrainConfig} field is optional.
 * @example
 * resolveConfig({ task: 'poly6', method: 'is', methodOptions: { alpha: 0.2 } }).methodOptions;
 * // { alpha: 0.2, eps: 0.001, epsMode: 'relative' }
 */
export function resolveConfig(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
): TrainConfig {
  const task = getTask(options.task);
  const method = getMethod(options.method);
  for (const k of MOVED_TO_METHOD_OPTIONS) {
    if (k in options) {
      throw new Error(`${k} is a method option: pass methodOptions: { ${k}: … } (CLI --${optionFlag(k)})`);
    }
  }
  const c = {
    ...trainDefaults,
    ...task.defaults,
    ...(method.importance !== undefined ? { importance: method.importance } : {}),
    ...stripUndefined(options),
  } as TrainConfig;
  const int = (k: keyof TrainConfig, lo: number) => {
    const v = c[k] as number;
    if (!Number.isInteger(v) || v < lo) throw new RangeError(`${k} must be an integer ≥ ${lo}, got ${v}`);
  };
  int('epochs', 1);
  int('batchSize', 1);
  int('evalEvery', 0);
  int('diagnosticsEvery', 0);
  seedCheck('seed', c.seed);
  seedCheck('dataSeed', c.dataSeed);
  if (c.checkpointEvery !== null) int('checkpointEvery', 0);
  if (!Number.isFinite(c.lr) || c.lr <= 0) throw new RangeError(`lr must be a positive number, got ${c.lr}`);
  if (!(OPTIMIZERS as readonly string[]).includes(c.optimizer)) {
    throw new Error(`optimizer must be one of ${OPTIMIZERS.join(', ')}, got '${c.optimizer}'`);
  }
  if (!(SCHEDULES as readonly string[]).includes(c.schedule)) {
    throw new Error(`schedule must be one of ${SCHEDULES.join(', ')}, got '${c.schedule}'`);
  }
  if (c.scale !== 'quick' && c.scale !== 'full') {
    throw new Error(`scale must be one of quick, full, got '${String(c.scale)}'`);
  }
  getImportance(c.importance);
  c.methodOptions = resolveMethodOptions(c.method, {
    ...(task.methodDefaults?.[c.method] ?? {}),
    ...(options.methodOptions ?? {}),
  });
  return c;
}
