import '../../src/builtins.js';
import { describe } from 'node:test';
import { pinnedFigureTests } from './fixtures/pinned-figures.js';

/**
 * A hand-made [AS-IS] Fig. 1 measurement of one seed: 12 points on a 4 × 3 grid with labels i mod 3, our q at
 * each epoch and the DLIS scores as simple functions of the point index, the epoch and the seed (so every
 * statistic of the caption and every opacity depends on them).
 */
function fakeSeed(settings: unknown): unknown {
  const s = settings as { seed: number; oursEpochs: number[]; dlisEpochs: number };
  const n = 12;
  const idx = Array.from({ length: n }, (_, i) => i);
  return {
    x1: idx.map((i) => (i % 4) / 3 - 0.5),
    x2: idx.map((i) => Math.floor(i / 4) / 2 - 0.5),
    labels: idx.map((i) => i % 3),
    ours: s.oursEpochs.map((epoch) => ({
      epoch,
      q: idx.map((i) => 1 + ((i * epoch + s.seed) % 5)),
      boundaryRho: 0.1 * epoch + 0.01 * s.seed,
      top10: 0.1 + 0.01 * epoch + 0.002 * s.seed,
    })),
    dlis: {
      switchStep: s.seed === 3 ? -1 : 40 + 10 * s.seed,
      stepsPerEpoch: 25,
      scores: idx.map((i) => 0.5 + ((i + s.seed) % 4)),
      boundaryRho: 0.3 + 0.05 * s.seed,
      top10: 0.2 + 0.01 * s.seed,
    },
    cpuSeconds: 10 + s.seed,
  };
}

// The default figures of this part, pinned (fixtures/pinned-asis-fig1.json) before it became a figure spec.
describe('pinned default figures: asis-fig1', () => {
  pinnedFigureTests('asis-fig1', ['asis-fig1'], { fakes: { 'asis-fig1': fakeSeed } });
});
