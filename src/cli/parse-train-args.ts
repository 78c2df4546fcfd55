import { parseArgs } from 'node:util';
import { BACKENDS } from '../backend/setup-backend.js';
import type { TrainConfig } from '../train/config.js';
import { getMethod, methodNames } from '../methods/method-spec.js';
import { optionFlag, type OptionSpec } from '../options/option-spec.js';
import { nearestName } from '../options/nearest-name.js';
import { rejectRepeatedFlags } from './reject-repeated-flags.js';

type Kind = 'string' | 'int' | 'number' | 'list' | 'enum';
interface OptSpec {
  key: keyof TrainConfig;
  kind: Kind;
  values?: readonly string[];
  help: string;
}

/**
 * CLI flags of `isgrad train`, mapped to {@link TrainConfig} keys. A method's hyper-parameters (e.g. `--alpha`,
 * `--eps`, `--eps-mode` of the memory methods, `--J`, `--beta` of OMIS) are not listed here: their flags come
 * from the chosen method's declared options.
 */
export const TRAIN_FLAGS: Record<string, OptSpec> = {
  task: { key: 'task', kind: 'string', help: 'task name (isgrad tasks)' },
  method: { key: 'method', kind: 'string', help: 'method name (isgrad methods)' },
  seed: { key: 'seed', kind: 'int', help: 'run seed (init + sampling)' },
  'data-seed': { key: 'dataSeed', kind: 'int', help: 'dataset seed' },
  scale: { key: 'scale', kind: 'enum', values: ['quick', 'full'], help: 'dataset size preset' },
  epochs: { key: 'epochs', kind: 'int', help: 'epochs' },
  batch: { key: 'batchSize', kind: 'int', help: 'minibatch size B' },
  lr: { key: 'lr', kind: 'number', help: 'base learning rate' },
  optimizer: { key: 'optimizer', kind: 'enum', values: ['sgd', 'adam'], help: 'optimiser' },
  momentum: { key: 'momentum', kind: 'number', help: 'SGD momentum' },
  'weight-decay': { key: 'weightDecay', kind: 'number', help: 'L2 weight decay' },
  schedule: { key: 'schedule', kind: 'enum', values: ['constant', 'step', 'cosine'], help: 'LR schedule' },
  milestones: { key: 'milestones', kind: 'list', help: "epochs of the 'step' drops, e.g. 100,200" },
  gamma: { key: 'gamma', kind: 'number', help: "factor of each 'step' drop" },
  importance: { key: 'importance', kind: 'string', help: 'importance function φ (IS/AS)' },
  'eval-every': { key: 'evalEvery', kind: 'int', help: 'evaluate every k steps (0 = per epoch)' },
  diagnostics: {
    key: 'diagnosticsEvery',
    kind: 'int',
    help: 'sampler diagnostics; traces every k steps (0 = off)',
  },
  backend: { key: 'backend', kind: 'enum', values: ['auto', ...BACKENDS], help: 'TensorFlow.js backend' },
  out: { key: 'out', kind: 'string', help: 'folder for the records' },
  'checkpoint-every': {
    key: 'checkpointEvery',
    kind: 'int',
    help: 'with --out: checkpoint every k steps, resumed on restart (0 = off; default every 60 s)',
  },
};

/** Flags that are not config fields. */
const SWITCHES = { json: 'print one JSON summary as the last stdout line', quiet: 'no progress on stderr' };

/** Parsed `isgrad train` command line. */
export interface TrainArgs {
  config: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;
  json: boolean;
  quiet: boolean;
}

/** Usage text of `isgrad train`, with the options of every method. */
export function trainUsage(): string {
  const rows = Object.entries(TRAIN_FLAGS).map(
    ([f, s]) => `  --${f.padEnd(13)} ${s.help}${s.values ? ` (${s.values.join(' | ')})` : ''}`,
  );
  const sw = Object.entries(SWITCHES).map(([f, h]) => `  --${f.padEnd(13)} ${h}`);
  const methodRows = methodNames().flatMap((m) =>
    Object.entries(getMethod(m).options ?? {}).map(
      ([k, o]) =>
        `  --${optionFlag(k).padEnd(13)} [${m}] ${o.help} (default ${JSON.stringify(o.default)}` +
        `${o.values ? `; ${o.values.join(' | ')}` : ''})`,
    ),
  );
  return [
    'usage: isgrad train --task T --method M [options]',
    ...rows,
    ...sw,
    ...(methodRows.length > 0 ? ['method options:', ...methodRows] : []),
  ].join('\n');
}

/**
 * The value of `--method M` (or `--method=M`), if any, read before the full parse (the method decides which
 * option flags exist). A repeated `--method` is an error here already, so no layer can read another value.
 */
function methodArg(argv: string[]): string | undefined {
  const found: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--method') found.push(argv[i + 1] ?? '');
    else if (argv[i].startsWith('--method=')) found.push(argv[i].slice('--method='.length));
  }
  if (found.length > 1)
    rejectRepeatedFlags(found.map((value) => ({ kind: 'option', name: 'method', value })));
  return found[0];
}

/** Converts the text of a method option's flag to its typed value. */
function convertMethodOption(flag: string, o: OptionSpec, raw: string): unknown {
  if (o.kind === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new Error(`--${flag} must be true or false, got '${raw}'`);
    return raw === 'true';
  }
  const kind =
    o.kind === 'int' ? 'int' : o.kind === 'number' ? 'number' : o.kind === 'list' ? 'list' : 'string';
  return convert(flag, { key: 'method', kind, values: o.values, help: o.help }, raw);
}

/**
 * A number written in decimal (optional sign, digits, optional fraction and exponent): `Number` alone also
 * reads '0x10' as 16, '0b11' as 3 and '1_0' as NaN, so a hex or binary value would train silently.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Converts one flag's text to its typed value, or throws an error naming the flag and what it accepts. */
function convert(flag: string, spec: OptSpec, raw: string): unknown {
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'enum':
      if (!spec.values!.includes(raw)) {
        throw new Error(`--${flag}: '${raw}' is not allowed; allowed values: ${spec.values!.join(', ')}`);
      }
      return raw;
    case 'int': {
      const v = Number(raw);
      if (!DECIMAL.test(raw.trim()) || !Number.isInteger(v))
        throw new Error(`--${flag} must be an integer, got '${raw}' (write it in decimal, e.g. 64)`);
      // Above 2^53 neighbouring integers are the same double (1e20 + 1 === 1e20): not a value anyone meant.
      if (!Number.isSafeInteger(v)) {
        throw new Error(`--${flag} must be an integer within ±(2^53 − 1), got '${raw}'`);
      }
      return v;
    }
    case 'number': {
      const v = Number(raw);
      if (!DECIMAL.test(raw.trim()) || !Number.isFinite(v))
        throw new Error(`--${flag} must be a number, got '${raw}' (write it in decimal, e.g. 0.01 or 1e-3)`);
      return v;
    }
    case 'list':
      return raw === ''
        ? []
        : raw.split(',').map((s) => {
            const v = Number(s);
            if (!DECIMAL.test(s.trim()) || !Number.isFinite(v))
              throw new Error(`--${flag} must be a comma-separated list of numbers, got '${raw}'`);
            return v;
          });
  }
}

/** True for the errors `parseArgs` throws about the command line (codes ERR_PARSE_ARGS_*). */
function isParseArgsError(e: unknown): boolean {
  return String((e as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS_');
}

/**
 * A clear error for a known flag whose value `parseArgs` refused: a value starting with a dash (`--alpha -0.5`
 * reads as a flag; Node's hint is to write `--alpha=-0.5`), or no value at all. Null for other errors.
 */
function optionValueError(argv: string[], e: unknown): Error | null {
  if ((e as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return null;
  const flag = /Option '(--[^' ]+)/.exec((e as Error).message)?.[1];
  if (flag === undefined) return null;
  const next = argv[argv.indexOf(flag) + 1];
  if (next !== undefined && next.startsWith('-') && /ambiguous/.test((e as Error).message)) {
    return new Error(
      `${flag}: the value '${next}' starts with a dash, so it reads as a flag; write ${flag}=${next}`,
    );
  }
  return new Error(`${flag} needs a value, e.g. ${flag}=VALUE`);
}

/**
 * Parses the arguments of `isgrad train`. Unknown flags and bad values throw errors that name the flag and the
 * allowed values; a flag given twice is an error naming it; a value starting with a dash must be written
 * `--flag=-value` (the error says so); integers must be safe (|v| ≤ 2^53 − 1).
 * @example
 * parseTrainArgs(['--task', 'poly6', '--method', 'is', '--json']).config.method; // 'is'
 */
export function parseTrainArgs(argv: string[]): TrainArgs {
  const m = methodArg(argv);
  const methodOpts = m !== undefined && methodNames().includes(m) ? (getMethod(m).options ?? {}) : {};
  const methodFlags = Object.fromEntries(
    Object.entries(methodOpts).map(([k, o]) => [optionFlag(k), { k, o }]),
  );
  const options = Object.fromEntries([
    ...Object.keys(TRAIN_FLAGS).map((f) => [f, { type: 'string' as const }]),
    ...Object.keys(methodFlags).map((f) => [f, { type: 'string' as const }]),
    ...Object.keys(SWITCHES).map((f) => [f, { type: 'boolean' as const }]),
  ]);
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false, tokens: true });
    rejectRepeatedFlags(parsed.tokens);
    values = parsed.values as Record<string, string | boolean | undefined>;
  } catch (e) {
    if (!isParseArgsError(e)) throw e;
    const valueError = optionValueError(argv, e);
    if (valueError !== null) throw valueError;
    const bad = /'(-[^']+)'/.exec((e as Error).message);
    const allowed = [...Object.keys(TRAIN_FLAGS), ...Object.keys(methodFlags), ...Object.keys(SWITCHES)]
      .map((f) => `--${f}`)
      .join(', ');
    // A flag another method declares: say that the chosen method has no such option.
    const flag = bad?.[1].replace(/^--?/, '').replace(/=.*$/, '');
    const owners =
      flag === undefined || m === undefined
        ? []
        : methodNames().filter((n) =>
            Object.keys(getMethod(n).options ?? {}).some((k) => optionFlag(k) === flag),
          );
    if (bad && owners.length > 0 && !(flag! in methodFlags) && m !== undefined && methodNames().includes(m)) {
      const own = Object.keys(methodFlags).map((f) => `--${f}`);
      throw new Error(
        `unknown or malformed option ${bad[1]}: method '${m}' has no option --${flag} ` +
          `(${own.length > 0 ? `its options: ${own.join(', ')}` : 'it takes no options'}; ` +
          `--${flag} belongs to ${owners.join(', ')})`,
      );
    }
    const near =
      flag === undefined
        ? undefined
        : nearestName(flag, [
            ...Object.keys(TRAIN_FLAGS),
            ...Object.keys(methodFlags),
            ...Object.keys(SWITCHES),
          ]);
    const hint = near === undefined ? '' : ` (did you mean --${near}?)`;
    throw new Error(
      `${bad ? `unknown or malformed option ${bad[1]}${hint}` : (e as Error).message}; allowed: ${allowed}`,
    );
  }
  const config: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(TRAIN_FLAGS)) {
    const raw = values[flag];
    if (typeof raw === 'string') config[spec.key] = convert(flag, spec, raw);
  }
  const methodOptions: Record<string, unknown> = {};
  for (const [flag, { k, o }] of Object.entries(methodFlags)) {
    const raw = values[flag];
    if (typeof raw === 'string') methodOptions[k] = convertMethodOption(flag, o, raw);
  }
  if (Object.keys(methodOptions).length > 0) config.methodOptions = methodOptions;
  if (config.task === undefined) throw new Error('--task is required (see: isgrad tasks)');
  if (config.method === undefined) throw new Error('--method is required (see: isgrad methods)');
  return {
    config: config as TrainArgs['config'],
    json: values.json === true,
    quiet: values.quiet === true,
  };
}
