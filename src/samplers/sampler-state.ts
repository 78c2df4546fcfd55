import type { SamplerState } from '../checkpoint/state-codec.js';
import type { Sampler } from './types.js';

/**
 * Throws unless the sampler can be checkpointed (has both `saveState` and `loadState`), naming it; checked when a
 * checkpointed run starts, so a custom sampler without the contract fails at once instead of at its first
 * checkpoint (or, worse, being skipped).
 * @param sampler the sampler.
 * @example
 * assertCheckpointable(createSampler('is', ctx)); // ok
 */
export function assertCheckpointable(sampler: Sampler): void {
  if (typeof sampler.saveState !== 'function' || typeof sampler.loadState !== 'function') {
    throw new Error(
      `sampler '${sampler.name}' has no saveState()/loadState(), so its run cannot be checkpointed; ` +
        'implement both (see Sampler.saveState) or turn checkpoints off (checkpointEvery 0, --checkpoint-every 0)',
    );
  }
}

/**
 * `sampler.saveState()`, or a clear error when the sampler has none ({@link assertCheckpointable}).
 * @example
 * const s = saveStateOf(sampler);
 */
export function saveStateOf(sampler: Sampler): SamplerState {
  assertCheckpointable(sampler);
  return sampler.saveState?.() as SamplerState;
}

/**
 * `sampler.loadState(state)`, or a clear error when the sampler has none ({@link assertCheckpointable}).
 * @example
 * loadStateOf(fresh, saveStateOf(sampler));
 */
export function loadStateOf(sampler: Sampler, state: SamplerState): void {
  assertCheckpointable(sampler);
  sampler.loadState?.(state);
}
