import { createRegistry } from '../registry/registry.js';
import type { Sampler, SamplerContext, SamplerFactory } from './types.js';

/** How a sampler is registered. */
export interface RegisterSamplerOptions {
  /** Option keys the factory accepts; any other key makes {@link createSampler} throw. Default `[]`. */
  optionNames?: readonly string[];
  /** Replace an existing registration of the same name instead of throwing. Default false. */
  override?: boolean;
}

/** A registered sampler: its factory and the option keys it accepts. */
export interface SamplerRegistration {
  factory: SamplerFactory;
  optionNames: readonly string[];
}

/** The sampler registry (name → {@link SamplerRegistration}); the built-ins are registered by `src/builtins.ts`. */
export const samplerRegistry = createRegistry<SamplerRegistration>('sampler');

/**
 * Registers a sampler factory under a name, so that sweeps can refer to it by that name.
 * @param name registry name, a non-empty string such as 'uniform' or 'is'.
 * @param factory builds the sampler from a {@link SamplerContext} and its options.
 * @param options `{ optionNames = [], override = false }`: the accepted option keys; `override: true`
 *   replaces an existing registration (otherwise a duplicate name throws).
 * @example
 * registerSampler('my-uniform', (ctx) => createUniformScan(ctx), { optionNames: [] });
 */
export function registerSampler(
  name: string,
  factory: SamplerFactory,
  options: RegisterSamplerOptions = {},
): void {
  if (typeof factory !== 'function') {
    throw new Error(`registerSampler: factory for '${name}' must be a function, got ${typeof factory}`);
  }
  const { optionNames = [], override = false } = options;
  samplerRegistry.register(name, { factory, optionNames: [...optionNames] }, { override });
}

/**
 * Builds a registered sampler after validating the context and the option keys.
 * @param name a registered name (see {@link samplerNames}); built-ins: 'uniform', 'uniform-replace', 'is', 'as'.
 * @param ctx N = `ctx.n` an integer ≥ 1, B = `ctx.batchSize` an integer in [1, N], `ctx.rng` the sampler's stream.
 * @param options method hyper-parameters; only the registered option names are allowed. Default `{}`.
 * @example
 * const s = createSampler('is', { n: 60000, batchSize: 64, rng: createRng(0).derive('sampler') }, { alpha: 0.2 });
 */
export function createSampler(
  name: string,
  ctx: SamplerContext,
  options: Record<string, unknown> = {},
): Sampler {
  const reg = samplerRegistry.get(name);
  validateSamplerContext(ctx, name);
  for (const key of Object.keys(options)) {
    if (!reg.optionNames.includes(key)) {
      const allowed = reg.optionNames.length > 0 ? reg.optionNames.join(', ') : 'none';
      throw new Error(
        `createSampler: unknown option '${key}' for sampler '${name}'; allowed options: ${allowed}`,
      );
    }
  }
  return reg.factory(ctx, options);
}

/**
 * Names of all registered samplers, in registration order.
 * @example
 * samplerNames(); // ['uniform', 'uniform-replace', 'is', 'as', ...]
 */
export function samplerNames(): string[] {
  return samplerRegistry.names();
}

/**
 * Throws unless N is an integer ≥ 1, B an integer in [1, N] and `rng` has a `next` function.
 * @param ctx the context to check.
 * @param who name used in the error message. Default 'sampler'.
 * @example
 * validateSamplerContext({ n: 10, batchSize: 20, rng }); // throws: batchSize must be in [1, N = 10]
 */
export function validateSamplerContext(ctx: SamplerContext, who = 'sampler'): void {
  if (ctx === null || typeof ctx !== 'object') {
    throw new Error(`${who}: ctx must be an object { n, batchSize, rng }, got ${String(ctx)}`);
  }
  const { n, batchSize, rng } = ctx;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${who}: ctx.n (training-set size N) must be an integer ≥ 1, got ${n}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) {
    throw new RangeError(`${who}: ctx.batchSize must be an integer in [1, N = ${n}], got ${batchSize}`);
  }
  if (rng === null || typeof rng !== 'object' || typeof rng.next !== 'function') {
    throw new Error(
      `${who}: ctx.rng must be an Rng (see createRng in src/random/rng.ts), got ${String(rng)}`,
    );
  }
}
