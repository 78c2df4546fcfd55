/** The part of a `parseArgs` token (node:util, `tokens: true`) that {@link rejectRepeatedFlags} reads. */
export interface FlagToken {
  kind: string;
  name?: string;
  value?: string | undefined;
}

/**
 * Throws when a flag appears more than once on a command line, for every flag: `parseArgs` keeps the last value
 * and a pre-scan may read the first, so a repeated flag would mean different things to different layers.
 * @param tokens the `tokens` of `parseArgs(..., tokens: true)`.
 * @throws Error `--method is given more than once ('is', 'uniform'); give it once`.
 * @example
 * const { tokens } = parseArgs({ args, options, strict: true, tokens: true });
 * rejectRepeatedFlags(tokens);
 */
export function rejectRepeatedFlags(tokens: readonly FlagToken[]): void {
  const values = new Map<string, Array<string | undefined>>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined) continue;
    const seen = values.get(t.name) ?? [];
    seen.push(t.value);
    values.set(t.name, seen);
  }
  for (const [name, vs] of values) {
    if (vs.length < 2) continue;
    const shown = vs.every((v) => v !== undefined) ? ` (${vs.map((v) => `'${v}'`).join(', ')})` : '';
    throw new Error(`--${name} is given more than once${shown}; give it once`);
  }
}
