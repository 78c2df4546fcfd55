import type { OptionSpec, OptionSpecs } from '../options/option-spec.js';
import type { TrainOptions } from '../experiments/types.js';

/** The `epochs` setting: 0 means the task's default at the scale (what the figure trains by default). */
export const epochsSetting = {
  kind: 'int',
  default: 0,
  min: 0,
  help: "epochs of every run; 0: the task's default at the scale (short runs: 1 or 2)",
} as const satisfies OptionSpec;

/**
 * Declarations of the training settings a figure varies: `lr` (η), `epochs` and `batch` (B), each with the
 * figure's own default. `epochs` 0 means the task's default at the scale.
 * @example
 * const settings = { ...commonSettings, ...trainSettings({ lr: 0.02, batch: 32 }) };
 */
export function trainSettings(defaults: { lr: number; batch: number }) {
  return {
    lr: { kind: 'number', default: defaults.lr, min: 0, minExclusive: true, help: 'SGD step size η' },
    epochs: epochsSetting,
    batch: { kind: 'int', default: defaults.batch, min: 1, help: 'minibatch size B' },
  } as const satisfies OptionSpecs;
}

/**
 * The run options of the training settings that differ from their declared defaults (so the default settings
 * give the run options, and run keys, the figure had before it declared them).
 * @example
 * trainOverrides(decl, { lr: 0.05, epochs: 0, batch: 32 }); // { lr: 0.05 }
 */
export function trainOverrides(
  declared: Readonly<Record<'lr' | 'epochs' | 'batch', OptionSpec>>,
  s: { lr: number; epochs: number; batch: number },
): Partial<TrainOptions> {
  return {
    ...(s.lr !== declared.lr.default ? { lr: s.lr } : {}),
    ...(s.epochs !== declared.epochs.default ? { epochs: s.epochs } : {}),
    ...(s.batch !== declared.batch.default ? { batchSize: s.batch } : {}),
  };
}

/**
 * An integer setting ≥ 0 whose default 0 means the scale's value (a measurement's size that differs between the
 * quick and full scales, e.g. the epochs or the number of minibatches).
 * @param help one line of help, ending with what 0 stands for at each scale.
 * @example
 * const settings = { ...commonSettings, minibatches: scaleIntSetting("minibatches; 0: the scale's (10, 40)") };
 */
export function scaleIntSetting(help: string) {
  return { kind: 'int', default: 0, min: 0, help } as const satisfies OptionSpec;
}

/**
 * The value of a {@link scaleIntSetting}: the setting when it is not 0, else the scale's value.
 * @example
 * scaleValue(0, { quick: 5, full: 50 }, 'full'); // 50
 * scaleValue(2, { quick: 5, full: 50 }, 'full'); // 2
 */
export function scaleValue(
  v: number,
  perScale: { quick: number; full: number },
  scale: 'quick' | 'full',
): number {
  return v === 0 ? perScale[scale] : v;
}

/**
 * A list setting whose default, the empty list, means the scale's values (resolved by {@link scaleList}).
 * @param help one line of help, ending with what empty stands for at each scale.
 * @example
 * const settings = { ...commonSettings, refreshEvery: scaleListSetting("periods K; empty: the scale's (50, 150)") };
 */
export function scaleListSetting(help: string) {
  return { kind: 'list', default: [] as number[], help } as const satisfies OptionSpec;
}

/**
 * The value of a list setting whose empty default means the scale's values (`perScale`), checked: distinct
 * integers ≥ `min`, else an error naming the figure, the setting and what is allowed.
 * @param figure the figure id, e.g. 'emais/fig7-refresh'.
 * @param setting the setting's name, e.g. 'refreshEvery'.
 * @example
 * scaleList('emais/fig7-refresh', 'refreshEvery', [], [50, 150], 1); // [50, 150]
 */
export function scaleList(
  figure: string,
  setting: string,
  given: readonly number[],
  perScale: readonly number[],
  min: number,
): number[] {
  const v = given.length === 0 ? [...perScale] : [...given];
  const bad = v.find((x, i) => !(Number.isInteger(x) && x >= min) || v.indexOf(x) !== i);
  if (bad !== undefined) {
    throw new RangeError(
      `figure ${figure}: setting ${setting} must be distinct integers ≥ ${min} (empty: the scale's), ` +
        `got ${given.join(', ')}`,
    );
  }
  return v;
}
