import { readFileSync } from 'node:fs';

/** A value a sweep may assign to a config key or a method option. */
export type SweepValue = number | string | boolean | number[] | null;

/** One set of config overrides: top-level {@link TrainConfig} keys or method option names (e.g. `J`, `beta`). */
export type SweepPoint = Record<string, SweepValue>;

/**
 * A sweep: a base config, crossed with a grid and/or a list of variants, crossed with seeds.
 *
 * Keys of `base`, `grid` and `list` are {@link TrainConfig} keys (`method`, `lr`, `batchSize`, …) or the name of
 * an option the trial's method declares (`J`, `beta`, `tau`, …, see `isgrad methods`), which goes to
 * `methodOptions`. `out` and `seed` are set by the sweep and cannot be given.
 *
 * @example
 * const spec: SweepSpec = {
 *   name: 'ablation-beta',
 *   base: { task: 'poly6', method: 'omis', evalEvery: 16 },
 *   grid: { beta: [0, 0.5, 0.9] },
 *   seeds: [1, 2, 3],
 * };
 */
export interface SweepSpec {
  /** Name of the sweep (file names, progress and summary). Letters, digits, '-', '_', '.'. */
  name: string;
  /** Settings shared by every trial; must give `task` and `method` unless every grid/list point does. */
  base: SweepPoint;
  /** Cartesian product over these keys' values (key order decides the trial order). Default {}. */
  grid?: Record<string, SweepValue[]>;
  /** Explicit variants, each crossed with the grid. Default [{}]. */
  list?: SweepPoint[];
  /** Seeds of every configuration (the `seed` config key). Required, non-empty. */
  seeds: number[];
}

const SPEC_KEYS = ['name', 'base', 'grid', 'list', 'seeds', '$comment'];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isSweepValue(v: unknown): v is SweepValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function checkPoint(where: string, p: unknown): SweepPoint {
  if (!isPlainObject(p))
    throw new Error(`${where} must be an object of config keys, got ${JSON.stringify(p)}`);
  for (const [k, v] of Object.entries(p)) {
    if (k === 'out' || k === 'seed') {
      throw new Error(
        `${where}.${k}: '${k}' is set by the sweep (use 'seeds' for seeds, --out for the folder)`,
      );
    }
    if (!isSweepValue(v)) {
      throw new Error(
        `${where}.${k}: values must be numbers, strings, booleans or number lists, got ${JSON.stringify(v)}`,
      );
    }
  }
  return p as SweepPoint;
}

/**
 * Checks the shape of a sweep spec (keys, types, non-empty seeds and grid axes) and returns it typed. Whether
 * each trial's config is valid is checked when the trials are expanded ({@link expandTrials}).
 * @example
 * validateSweepSpec(JSON.parse(text)); // throws "sweep spec: unknown key 'seed'; allowed: name, base, …"
 */
export function validateSweepSpec(raw: unknown): SweepSpec {
  if (!isPlainObject(raw)) throw new Error(`sweep spec must be a JSON object, got ${JSON.stringify(raw)}`);
  for (const k of Object.keys(raw)) {
    if (!SPEC_KEYS.includes(k)) {
      throw new Error(
        `sweep spec: unknown key '${k}'; allowed: ${SPEC_KEYS.filter((s) => s[0] !== '$').join(', ')}`,
      );
    }
  }
  const name = raw.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw new Error(
      `sweep spec: 'name' must be a non-empty string of letters, digits, '-', '_', '.', got ${JSON.stringify(name)}`,
    );
  }
  const base = checkPoint('base', raw.base ?? {});
  const grid: Record<string, SweepValue[]> = {};
  if (raw.grid !== undefined) {
    if (!isPlainObject(raw.grid)) throw new Error(`sweep spec: 'grid' must be an object of key → values`);
    for (const [k, vs] of Object.entries(raw.grid)) {
      if (!Array.isArray(vs) || vs.length === 0) {
        throw new Error(`grid.${k} must be a non-empty list of values, got ${JSON.stringify(vs)}`);
      }
      vs.forEach((v, i) => checkPoint(`grid.${k}[${i}]`, { [k]: v as unknown }));
      grid[k] = vs as SweepValue[];
    }
  }
  let list: SweepPoint[] = [{}];
  if (raw.list !== undefined) {
    if (!Array.isArray(raw.list) || raw.list.length === 0) {
      throw new Error(
        `sweep spec: 'list' must be a non-empty list of objects, got ${JSON.stringify(raw.list)}`,
      );
    }
    list = raw.list.map((p, i) => checkPoint(`list[${i}]`, p));
  }
  const seeds = raw.seeds;
  if (
    !Array.isArray(seeds) ||
    seeds.length === 0 ||
    seeds.some((s) => typeof s !== 'number' || !Number.isInteger(s) || s < 0)
  ) {
    throw new Error(
      `sweep spec: 'seeds' must be a non-empty list of non-negative integers, got ${JSON.stringify(seeds)}`,
    );
  }
  if (new Set(seeds).size !== seeds.length)
    throw new Error(`sweep spec: 'seeds' has duplicates: ${JSON.stringify(seeds)}`);
  return { name, base, grid, list, seeds: seeds as number[] };
}

/**
 * Reads and validates a sweep spec from a JSON file.
 * @example
 * const spec = loadSweepSpec('sweeps/ablation-beta.json');
 */
export function loadSweepSpec(path: string): SweepSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`sweep spec ${path}: ${(e as Error).message}`);
  }
  try {
    return validateSweepSpec(raw);
  } catch (e) {
    throw new Error(`sweep spec ${path}: ${(e as Error).message.replace(/^sweep spec: /, '')}`);
  }
}
