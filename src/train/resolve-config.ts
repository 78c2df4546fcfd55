import { getImportance } from '../importance/registry.js';
import { getMethod, methodNames, resolveMethodOptions } from '../methods/method-spec.js';
import { unknownNameMessage } from '../options/nearest-name.js';
import { optionFlag } from '../options/option-spec.js';
import { getTask } from '../tasks/registry.js';
import { trainDefaults, type TrainConfig } from './config.js';
import { OPTIMIZERS } from './optimizer.js';
import { SCHEDULES } from './schedule.js';

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A value for a "got …" message: a string says it is one (`"0.01"` from a JSON spec looks like the number 0.01
 * when printed bare), other values as text.
 */
function shown(v: unknown): string {
  return typeof v === 'string'
    ? `the string ${JSON.stringify(v)} (write the number without quotes)`
    : String(v);
}

/**
 * Seeds are integers in [0, 2^53 − 1] (`Number.MAX_SAFE_INTEGER`): above 2^53 neighbouring integers are the same
 * double (1e20 + 1 === 1e20), so such a "seed" does not name one run. The Rng (`createRng`) hashes the seed's
 * decimal digits to a 32-bit key (FNV-1a, then SplitMix32 → xoshiro128**), so every seed in the range is accepted
 * and distinct seeds give distinct streams up to 32-bit hash collisions.
 */
function seedCheck(k: 'seed' | 'dataSeed', v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`${k} must be an integer in [0, 2^53 − 1], got ${shown(v)}`);
  }
}

/** The top-level keys a config may have: those of {@link TrainConfig}. */
const CONFIG_KEYS: readonly string[] = ['task', 'method', ...Object.keys(trainDefaults)];

/**
 * Throws unless `options` is a config object whose every key is a {@link TrainConfig} field: `null`, an array or
 * a number is an error saying what a config looks like; an unknown key (a typo such as `bacthSize`, which would
 * otherwise train silently with the default) is an error naming it, with the nearest key as a hint, like an
 * unknown CLI flag; a method's own option given at the top level says to pass it in `methodOptions`.
 * @param options what the caller passed.
 * @param who the function called, e.g. 'train', for the message.
 * @example
 * checkConfigKeys({ task: 'poly6', method: 'is', bacthSize: 7 }, 'train');
 * // throws: train: unknown config key 'bacthSize' (did you mean 'batchSize'?); allowed: task, method, seed, …
 */
export function checkConfigKeys(options: unknown, who: string): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    throw new TypeError(
      `${who}: the config must be an object such as { task: 'poly6', method: 'is' }, got ${got}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (CONFIG_KEYS.includes(key)) continue;
    const method = (options as { method?: unknown }).method;
    const declared =
      typeof method === 'string' && methodNames().includes(method) ? (getMethod(method).options ?? {}) : {};
    if (key in declared) {
      throw new Error(
        `${who}: '${key}' is an option of method '${String(method)}': pass methodOptions: { ${key}: … } ` +
          `(CLI --${optionFlag(key)})`,
      );
    }
    throw new Error(unknownNameMessage(`${who}: unknown config key`, key, CONFIG_KEYS));
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
  if (options !== null && typeof options === 'object') {
    for (const k of MOVED_TO_METHOD_OPTIONS) {
      if (k in options) {
        throw new Error(`${k} is a method option: pass methodOptions: { ${k}: … } (CLI --${optionFlag(k)})`);
      }
    }
  }
  checkConfigKeys(options, 'config');
  const task = getTask(options.task);
  const method = getMethod(options.method);
  const c = {
    ...trainDefaults,
    ...task.defaults,
    ...(method.importance !== undefined ? { importance: method.importance } : {}),
    ...stripUndefined(options),
  } as TrainConfig;
  const int = (k: keyof TrainConfig, lo: number) => {
    const v = c[k] as number;
    if (!Number.isInteger(v) || v < lo) {
      throw new RangeError(`${k} must be an integer ≥ ${lo}, got ${shown(v)}`);
    }
  };
  int('epochs', 1);
  int('batchSize', 1);
  int('evalEvery', 0);
  int('diagnosticsEvery', 0);
  seedCheck('seed', c.seed);
  seedCheck('dataSeed', c.dataSeed);
  if (c.checkpointEvery !== null) int('checkpointEvery', 0);
  if (!Number.isFinite(c.lr) || c.lr <= 0) {
    throw new RangeError(`lr must be a positive number, got ${shown(c.lr)}`);
  }
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
