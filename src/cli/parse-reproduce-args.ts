import { parseArgs } from 'node:util';
import { rejectRepeatedFlags } from './reject-repeated-flags.js';
import { BACKENDS, type BackendRequest } from '../backend/setup-backend.js';
import { REPRODUCE_PARTS, reproduceDefaults, type ReproduceOptions } from '../experiments/reproduce.js';

/** What {@link parseReproduceArgs} returns. */
export interface ReproduceArgs {
  options: Pick<
    ReproduceOptions,
    'scale' | 'seeds' | 'results' | 'figures' | 'only' | 'workers' | 'backend' | 'set'
  >;
  quiet: boolean;
  help: boolean;
  /** `--list`: print every figure id with its settings and defaults, run nothing. */
  list: boolean;
  /** `--sweep-spec FILE`: write the runs of the one figure in `--only` as a sweep spec, run nothing. */
  sweepSpec?: string;
}

/** Usage of `isgrad reproduce`, with the exit-code rule. */
export function reproduceUsage(): string {
  return `usage: isgrad reproduce [--scale quick|full] [--seeds 1,2,3] [--only PART|FIGURE,...] [--set NAME=VALUE]...
                        [--results DIR] [--figures DIR] [--workers N] [--backend NAME] [--quiet]
       isgrad reproduce --list

  --scale    quick (minutes on 2 cores; default) or full (the papers' settings where the machine allows)
  --seeds    comma-separated non-negative integers; default ${reproduceDefaults.seeds.join(',')}
  --only     parts to run: ${REPRODUCE_PARTS.map((p) => p.name).join(', ')}; or figure ids
             (e.g. mis/fig2-poly6, see --list); default all
  --set      a setting of the selected figures, repeatable: --set lr=0.05 --set seeds=1-5 (or seeds=1,2);
             the figure is written beside the default one, under a name carrying the changed settings
  --list     print every figure id with its settings (defaults, allowed values) and exit
  --sweep-spec FILE
             write the training runs of the one figure in --only (with --scale, --seeds, --set) as a sweep
             spec and exit: isgrad sweep FILE --slurm --out RESULTS trains them on a cluster, and the same
             isgrad reproduce --results RESULTS then loads them
  --results  folder of run records; default ${reproduceDefaults.results}
  --figures  folder of figures (open index.html); default ${reproduceDefaults.figures}
  --workers  worker processes that train the runs (one wasm thread each); default: the number of cores
  --backend  ${['auto', ...BACKENDS].join(', ')}: the backend of every run, here and in the workers; default auto

Before any work, the output folders and what each part needs (e.g. Fashion-MNIST for emais) are checked. Every
part that can run runs; a part that crashes is reported and the job goes on. The job ends with one summary:
runs trained and loaded per part, parts skipped with the command that enables them, parts that crashed.
Exit code: 0 when every selected part ran or was skipped for missing optional data; 1 when a part crashed, a
part named in --only was skipped, or an option is bad.`;
}

/** A non-empty string flag, or its default when the flag is absent ('' is an error, not the default). */
function nonEmpty(flag: string, value: string | undefined, fallback: string, hint: string): string {
  if (value === undefined) return fallback;
  if (value.trim() === '') throw new Error(`${flag}: the value is empty; ${hint}`);
  return value;
}

/**
 * Parses the flags of `isgrad reproduce`. Absent flags take {@link reproduceDefaults}; an empty value, an empty
 * list item (`--seeds 1,,2`), an unknown part or scale, a repeated flag or a stray argument is an error naming the
 * flag and the allowed values.
 * @example
 * parseReproduceArgs(['--seeds', '1,2', '--only', 'core']).options.seeds; // [1, 2]
 */
export function parseReproduceArgs(argv: string[]): ReproduceArgs {
  const { values, tokens } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      seeds: { type: 'string' },
      results: { type: 'string' },
      figures: { type: 'string' },
      only: { type: 'string' },
      workers: { type: 'string' },
      backend: { type: 'string' },
      set: { type: 'string', multiple: true },
      list: { type: 'boolean' },
      'sweep-spec': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    tokens: true,
  });
  rejectRepeatedFlags(tokens.filter((t) => !(t.kind === 'option' && t.name === 'set'))); // --set repeats
  const partNames = REPRODUCE_PARTS.map((p) => p.name);
  const figureIds = REPRODUCE_PARTS.flatMap((p) => p.figures ?? []);
  const scale = nonEmpty('--scale', values.scale, reproduceDefaults.scale, 'allowed values: quick, full');
  if (scale !== 'quick' && scale !== 'full') {
    throw new Error(`--scale: '${scale}' is not allowed; allowed values: quick, full`);
  }
  const seedsText = nonEmpty(
    '--seeds',
    values.seeds,
    '',
    'give comma-separated non-negative integers, e.g. 1,2,3',
  );
  const seeds = seedsText === '' ? [...reproduceDefaults.seeds] : parseSeeds(seedsText);
  const onlyText = nonEmpty('--only', values.only, '', `allowed parts: ${partNames.join(', ')}`);
  const only = onlyText === '' ? [] : onlyText.split(',').map((p) => p.trim());
  for (const p of only) {
    if (!partNames.includes(p) && !figureIds.includes(p)) {
      throw new Error(
        `--only: '${p}' in '${onlyText}' is neither a part nor a figure id; parts: ${partNames.join(', ')}; ` +
          `figure ids: ${figureIds.join(', ')} (isgrad reproduce --list)`,
      );
    }
  }
  if (new Set(only).size !== only.length) throw new Error(`--only: '${onlyText}' names a part twice`);
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (values.workers.trim() === '' || !Number.isInteger(workers) || workers < 1 || workers > 256) {
      throw new Error(`--workers: '${values.workers}' is not allowed; give an integer in [1, 256]`);
    }
  }
  const backend = nonEmpty(
    '--backend',
    values.backend,
    'auto',
    `allowed values: auto, ${BACKENDS.join(', ')}`,
  );
  if (backend !== 'auto' && !(BACKENDS as readonly string[]).includes(backend)) {
    throw new Error(`--backend: '${backend}' is not allowed; allowed values: auto, ${BACKENDS.join(', ')}`);
  }
  return {
    options: {
      scale,
      seeds,
      only,
      results: nonEmpty('--results', values.results, reproduceDefaults.results, 'give a folder path'),
      figures: nonEmpty('--figures', values.figures, reproduceDefaults.figures, 'give a folder path'),
      ...(workers !== undefined ? { workers } : {}),
      ...(values.backend !== undefined ? { backend: backend as BackendRequest } : {}),
      ...(values.set !== undefined ? { set: parseSet(values.set) } : {}),
    },
    quiet: values.quiet === true,
    help: values.help === true,
    list: values.list === true,
    ...(values['sweep-spec'] !== undefined
      ? { sweepSpec: nonEmpty('--sweep-spec', values['sweep-spec'], '', 'give a file path') }
      : {}),
  };
}

/**
 * The `--set NAME=VALUE` flags as settings; the values stay text, read in each figure's declared kind when the
 * settings are resolved (so `seeds=1-5` becomes [1, 2, 3, 4, 5] and `lr=x` an error naming the figure).
 */
function parseSet(items: readonly string[]): Record<string, string> {
  const set: Record<string, string> = {};
  for (const item of items) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(item.trim());
    if (!m) {
      throw new Error(
        `--set: '${item}' is not NAME=VALUE; e.g. --set lr=0.05 --set seeds=1-5 (names: --list)`,
      );
    }
    if (m[1] in set) throw new Error(`--set: setting ${m[1]} is given twice ('${set[m[1]]}', '${m[2]}')`);
    set[m[1]] = m[2];
  }
  return set;
}

/** '1,2,3' → [1, 2, 3]; every item must be a non-negative integer ≤ 2^53 − 1, without repeats. */
function parseSeeds(text: string): number[] {
  const items = text.split(',').map((s) => s.trim());
  const seeds = items.map((s, i) => {
    const v = Number(s);
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(v)) {
      throw new Error(
        `--seeds: item ${i + 1} of '${text}' is ${s === '' ? 'empty' : `'${s}'`}; ` +
          'give comma-separated non-negative integers (≤ 2^53 − 1), e.g. 1,2,3',
      );
    }
    return v;
  });
  const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (dup !== undefined) throw new Error(`--seeds: seed ${dup} appears twice in '${text}'`);
  return seeds;
}
