import '../../src/builtins.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { emaisRunOptions } from '../../src/papers/emais/fmnist.js';
import { FAKE_STEPS, runFolder, writeFakeRun } from '../helpers/fake-records.js';
import { pinnedFigureTests } from './fixtures/pinned-figures.js';

// The default figures of the 'emais' part, pinned (fixtures/pinned-emais.json) before it became figure specs. Its
// SGD-Uni run with batch sizes B_eff,t is not in the plan: its options are read from the Linear-τ run's records
// (hand-made: B_eff = 100 + step mod 7), so it is written here.
describe('pinned default figures: emais', () => {
  pinnedFigureTests('emais', ['emais'], {
    prepare: async (results) => {
      const batchSizes = Array.from({ length: FAKE_STEPS }, (_, s) => 100 + (s % 7));
      for (const seed of [1, 2, 3]) {
        const o = emaisRunOptions(
          { scale: 'quick' },
          { method: 'uniform-dynamic', methodOptions: { batchSizes } },
          seed,
        );
        const run = await runFolder(o, results);
        if (!existsSync(join(run.dir, 'summary.json'))) await writeFakeRun(run.dir, o, run.key);
      }
    },
  });
});
