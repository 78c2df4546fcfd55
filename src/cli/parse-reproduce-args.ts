import { parseArgs } from 'node:util';
import { rejectRepeatedFlags } from './reject-repeated-flags.js';
import { BACKENDS, type BackendRequest } from '../backend/setup-backend.js';
import { REPRODUCE_PARTS, reproduceDefaults, type ReproduceOptions } from '../experiments/reproduce.js';

/** What {@link parseReproduceArgs} returns. */
export interface ReproduceArgs {
  options: Pick<ReproduceOptions, 'scale' | 'seeds' | 'results' | 'figures' | 'only' | 'workers' | 'backend'>;
  quiet: boolean;
  help: boolean;
}

/** Usage of `isgrad reproduce`, with the exit-code rule. */
export function reproduceUsage(): string {
  return `usage: isgrad reproduce [--scale quick|full] [--seeds 1,2,3] [--only PART,...] [--results DIR] [--figures DIR]
                        [--workers N] [--backend NAME] [--quiet]

  --scale    quick (minutes on 2 cores; default) or full (the papers' settings where the machine allows)
  --seeds    comma-separated non-negative integers; default ${reproduceDefaults.seeds.join(',')}
  --only     parts to run: ${REPRODUCE_PARTS.map((p) => p.name).join(', ')}; default all
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
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    tokens: true,
  });
  rejectRepeatedFlags(tokens);
  const partNames = REPRODUCE_PARTS.map((p) => p.name);
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
    if (!partNames.includes(p)) {
      throw new Error(`--only: '${p}' in '${onlyText}' is not a part; allowed: ${partNames.join(', ')}`);
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
    },
    quiet: values.quiet === true,
    help: values.help === true,
  };
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
