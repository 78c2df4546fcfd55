import {
  checkOption,
  describeOption,
  type OptionSpec,
  type OptionSpecs,
  type OptionValue,
} from '../options/option-spec.js';
import type { RunRecords } from './run-or-load.js';
import type { ComputeJob } from './compute-job.js';
import type { TrainOptions } from './types.js';

/** Something a figure needs (data, a package), checked before the job starts. */
export interface PartRequirement {
  /** What is needed, e.g. 'Fashion-MNIST'. */
  what: string;
  /** null when it is there, else one line saying what is missing where. */
  missing(): string | null;
  /** The one command that provides it, e.g. 'sudo apt-get install dataset-fashion-mnist'. */
  enable: string;
}

/** The value type of one declared setting: numbers, lists of numbers, booleans, strings. */
export type SettingValue<O extends OptionSpec> = O extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : O['kind'] extends 'int' | 'number'
    ? number
    : O['kind'] extends 'list'
      ? number[]
      : O['kind'] extends 'boolean'
        ? boolean
        : string;

/** Resolved settings of a figure, typed by its declarations. */
export type Settings<T extends OptionSpecs> = string extends keyof T
  ? Record<string, OptionValue>
  : { [K in keyof T]: SettingValue<T[K]> };

/** One run of a figure's plan: its options (the run key) and the tags its evaluation rows carry in `make`. */
export interface PlannedRun {
  options: TrainOptions;
  /** Columns added to each evaluation row of the run, e.g. `{ curve: 'SGD', seed: 1 }`. Default {}. */
  tags?: Readonly<Record<string, string | number>>;
}

/** What a figure trains and measures: its runs (queued on the worker pool) and its stored measurements. */
export interface FigurePlan {
  runs: readonly PlannedRun[];
  /** Measurements that are not training runs, in the order `make` reads them. Default []. */
  computations?: readonly ComputeJob[];
  /**
   * Runs whose options are read from the loaded `runs` (e.g. [EMAIS] Fig. 2's SGD-Uni with the batch sizes B_eff,t
   * recorded by the EMAIS run), planned once those have loaded. The runner trains them on the workers ahead of the
   * queue, loads them and appends them to `FigureInput.runs` after the plan's runs. Default: none.
   */
  dependents?: (runs: readonly LoadedRun[]) => readonly PlannedRun[];
}

/** One run of the plan, loaded: its records and its tags. */
export interface LoadedRun extends RunRecords {
  tags: Readonly<Record<string, string | number>>;
}

/** What the runner hands a figure's `make`. */
export interface FigureInput {
  /** The plan's runs, in plan order, then its dependent runs (see {@link FigurePlan.dependents}). */
  runs: readonly LoadedRun[];
  /** The values of the plan's computations, in plan order. */
  computed: readonly unknown[];
  /** Progress lines (stderr in the CLI). */
  log: (line: string) => void;
  /** The results store the runs are in (for figures that read them as a collected table). */
  results: string;
}

/**
 * One output of a figure, with its gallery caption: a plotly `{ data, layout }` (written as HTML and JSON) or a
 * table page (`html`, written as is). Exactly one of `figure` and `html`.
 */
export interface FigureOutput {
  /** File name without extension, e.g. 'mis-fig2-poly6'. */
  file: string;
  title: string;
  /** The computed caption, with its verdict against the paper. */
  caption: string;
  /** `{ data, layout }` (line, heatmap or image traces). */
  figure?: object;
  /** A whole HTML page (a table), when the output is not a plot. */
  html?: string;
  /** Add the run folders of the plan to the gallery entry (links to the records). Default false. */
  records?: boolean;
}

/**
 * A paper figure or table as data plus two small functions: what it declares (settings with defaults, ranges and
 * help), what it trains (`plan`) and how it draws the loaded runs (`make`). The one runner (`reproduce`) resolves
 * the settings, queues every plan on the worker pool, loads, makes and writes.
 * @example
 * const spec: FigureSpec<typeof settings> = { id: 'mis/fig2-poly6', ..., plan: (s) => ({ runs: [] }), make: () => [] };
 */
export interface FigureSpec<T extends OptionSpecs = OptionSpecs> {
  /** '<paper>/<figure>', e.g. 'mis/fig2-poly6' (`--only`, `--list`). */
  id: string;
  title: string;
  /** What it reproduces, e.g. '[MIS] Fig. 2'. */
  paper: string;
  /** Checked before any work; a figure with a missing requirement is skipped. Default []. */
  requires?: readonly PartRequirement[];
  /** Declared settings (with {@link commonSettings}: scale and seeds). */
  settings: T;
  plan(s: Settings<T>): FigurePlan;
  make(input: FigureInput, s: Settings<T>): FigureOutput[] | Promise<FigureOutput[]>;
}

/**
 * The settings every figure has: `scale` (quick or full: the paper-scale runs) and `seeds`. Their defaults are
 * the main job's `--scale` and `--seeds`.
 */
export const commonSettings = {
  scale: {
    kind: 'enum',
    default: 'quick',
    values: ['quick', 'full'],
    help: "'quick' (minutes on 2 cores) or 'full' (the paper's settings where the machine allows)",
  },
  seeds: { kind: 'list', default: [1, 2, 3], help: 'seeds of every compared run (non-negative integers)' },
} as const satisfies OptionSpecs;

/**
 * Shown form of a setting's value: lists as '1, 2, 3', the empty list as 'empty list' and empty text as 'empty' (so
 * a caption never says '(default )').
 * @example
 * formatSetting([]); // 'empty list'
 * formatSetting(''); // 'empty'
 */
export function formatSetting(v: OptionValue): string {
  if (Array.isArray(v)) return v.length === 0 ? 'empty list' : v.join(', ');
  return v === '' ? 'empty' : String(v);
}

/**
 * Resolves a figure's settings: its declared defaults, then `base` (the job's scale and seeds, for the settings
 * the figure declares), then `set`. An unknown setting, or a value out of range, is an error naming the figure,
 * the setting and the allowed values.
 * @returns the resolved settings and the names of those `set` changed from the defaults (with `base`).
 * @example
 * resolveFigureSettings(spec, { seeds: [1, 2, 3] }, { lr: 0.05 }).changed; // ['lr']
 */
export function resolveFigureSettings(
  spec: Pick<FigureSpec, 'id' | 'settings'>,
  base: Readonly<Record<string, OptionValue>>,
  set: Readonly<Record<string, unknown>>,
): { settings: Record<string, OptionValue>; changed: string[] } {
  const declared = Object.keys(spec.settings);
  for (const key of Object.keys(set)) {
    if (!declared.includes(key)) {
      throw new Error(
        `figure ${spec.id}: unknown setting '${key}'; its settings: ` +
          declared.map((k) => `${k} (${describeOption(spec.settings[k])})`).join(', '),
      );
    }
  }
  const settings: Record<string, OptionValue> = {};
  const changed: string[] = [];
  for (const [key, o] of Object.entries(spec.settings)) {
    const start = base[key] ?? o.default;
    const v = key in set ? coerceSetting(o, set[key]) : start;
    checkOption(`figure ${spec.id}: setting ${key}`, o, v);
    if (key === 'seeds') checkSeeds(spec.id, v as number[]);
    settings[key] = Array.isArray(v) ? [...(v as number[])] : (v as OptionValue);
    if (key in set && formatSetting(v as OptionValue) !== formatSetting(start)) changed.push(key);
  }
  return { settings, changed };
}

/**
 * A value given as text (the CLI's `--set k=v`) in its declared kind: 'int'/'number' → number, 'list' → numbers
 * ('1,2,3' or the range '1-5'), 'boolean' → true/false; other values are returned as given (and then checked).
 * @example
 * coerceSetting({ kind: 'list', default: [1], help: '' }, '1-3'); // [1, 2, 3]
 */
export function coerceSetting(o: OptionSpec, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const text = v.trim();
  switch (o.kind) {
    case 'int':
    case 'number':
      return text === '' || !Number.isFinite(Number(text)) ? v : Number(text); // else the error shows the text
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : v;
    case 'list': {
      const range = /^(\d+)-(\d+)$/.exec(text);
      if (range) {
        const [a, b] = [Number(range[1]), Number(range[2])];
        return b >= a && b - a < 100_000 ? Array.from({ length: b - a + 1 }, (_, i) => a + i) : v;
      }
      const items = text.split(',').map((s) => s.trim());
      return items.every((s) => s !== '' && Number.isFinite(Number(s))) ? items.map(Number) : v;
    }
    default:
      return v;
  }
}

function checkSeeds(id: string, seeds: readonly number[]): void {
  const bad = seeds.find((s) => !Number.isSafeInteger(s) || s < 0);
  if (seeds.length === 0 || bad !== undefined) {
    throw new RangeError(
      `figure ${id}: setting seeds must be a non-empty list of non-negative integers, got [${seeds.join(', ')}]`,
    );
  }
  const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (dup !== undefined) throw new RangeError(`figure ${id}: setting seeds lists seed ${dup} twice`);
}

/**
 * The file-name tail of a figure made with changed settings, so it is written beside the default one:
 * '.lr-0.05.seeds-1-2' ('' when nothing changed).
 * @example
 * variantSuffix({ lr: 0.05, seeds: [1, 2] }, ['lr', 'seeds']); // '.lr-0.05.seeds-1-2'
 */
export function variantSuffix(
  settings: Readonly<Record<string, OptionValue>>,
  changed: readonly string[],
): string {
  return changed
    .map((k) => {
      const v = settings[k];
      return `.${k}-${(Array.isArray(v) ? v.join('-') : String(v)).replace(/[^A-Za-z0-9.+-]/g, '_')}`;
    })
    .join('');
}

/**
 * The caption sentence of a figure made with changed settings: 'Settings changed from the defaults: lr = 0.05
 * (default 0.02); seeds = 1, 2 (default 1, 2, 3).' ('' when nothing changed).
 */
export function changedSettingsSentence(
  spec: Pick<FigureSpec, 'settings'>,
  base: Readonly<Record<string, OptionValue>>,
  settings: Readonly<Record<string, OptionValue>>,
  changed: readonly string[],
): string {
  if (changed.length === 0) return '';
  const each = changed.map(
    (k) =>
      `${k} = ${formatSetting(settings[k])} (default ${formatSetting(base[k] ?? spec.settings[k].default)})`,
  );
  return `Settings changed from the defaults: ${each.join('; ')}.`;
}

/**
 * Evaluation rows of loaded runs, each with its run's tags (e.g. `curve`, `seed`), for the figure builders.
 * @example
 * evalRows(input.runs).filter((r) => r.curve === 'SGD');
 */
export function evalRows(runs: readonly LoadedRun[]): Record<string, unknown>[] {
  return runs.flatMap((r) =>
    (r.evals.objects() as Record<string, unknown>[]).map((row) => ({ ...row, ...r.tags })),
  );
}

/** One row of {@link figureSettingsRows} (a type, not an interface: a plain record for `table()`). */
export type FigureSettingRow = {
  setting: string;
  value: string;
  default: string;
  allowed: string;
  help: string;
};

/**
 * A figure's settings as table rows (setting, value, default, allowed values, help), for a notebook's `table()`
 * or a terminal: the value is the declared default unless `set` changes it.
 * @example
 * table(figureSettingsRows(figureSpec('mis/fig2-poly6'), { lr: 0.05 }));
 */
export function figureSettingsRows(
  spec: Pick<FigureSpec, 'id' | 'settings'>,
  set: Readonly<Record<string, unknown>> = {},
): FigureSettingRow[] {
  const { settings } = resolveFigureSettings(spec, {}, set);
  return Object.entries(spec.settings).map(([k, o]) => ({
    setting: k,
    value: formatSetting(settings[k]),
    default: formatSetting(o.default),
    allowed: describeOption(o),
    help: o.help,
  }));
}
