// Kept only until the last two EMAIS parts become figure specs: the shared set-up is in src/papers/emais/fmnist.ts.
import type { TrainConfig } from '../train/config.js';
import { emaisRunOptions } from '../papers/emais/fmnist.js';
import { runOrLoad, type RunRecords } from './run-or-load.js';
import type { ReproduceContext } from './types.js';

export { emaisBaselineRuns, emaisFiguresDefaults, emaisRunOptions } from '../papers/emais/fmnist.js';

/** Trains (or loads) one run of the EMAIS set-up and logs it. */
export function emaisRun(
  ctx: ReproduceContext,
): (
  label: string,
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
) => Promise<RunRecords> {
  return async (label, options, seed) => {
    const r = await runOrLoad(emaisRunOptions(ctx, options, seed), ctx.results, ctx.hooks(label));
    ctx.log(
      `${r.cached ? 'loaded' : 'trained'} ${label} seed ${seed} (${r.wallSeconds.toFixed(1)} s) → ${r.dir}`,
    );
    return r;
  };
}
