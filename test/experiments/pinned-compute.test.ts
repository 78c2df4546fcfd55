import '../../src/builtins.js';
import { describe } from 'node:test';
import { createRng } from '../../src/random/rng.js';
import { pinnedFigureTests } from './fixtures/pinned-figures.js';

/** What the stored settings of a 'importance-distance' measurement hold (one seed). */
interface PmfSettings {
  seed: number;
  epochs: number;
  checkpoints: number[];
  alphas: number[];
}

/**
 * A hand-made stored value of one seed's importance distances: the rows `importanceDistanceRows` would give (every
 * run, checkpoint and candidate pmf), with distances drawn from a seeded generator around a per-pmf level, so the
 * captions' intervals and verdicts have something to compute.
 */
function fakeDistances(settings: unknown): unknown {
  const s = settings as PmfSettings;
  const rng = createRng(s.seed).derive('pinned-compute');
  const level: Record<string, number> = {
    'output-grad': 0.01,
    loss: 0.03,
    'dlis-last-layer': 0.008,
    uniform: 0.05,
    'is-memory': 0.02,
  };
  const runs: { run: string; alpha: number | null; pmfs: string[] }[] = [
    { run: 'uniform', alpha: null, pmfs: ['loss', 'output-grad', 'dlis-last-layer', 'uniform'] },
    { run: 'is', alpha: 0.1, pmfs: ['loss', 'output-grad', 'dlis-last-layer', 'uniform', 'is-memory'] },
    ...s.alphas.map((alpha) => ({ run: 'is-alpha', alpha, pmfs: ['output-grad', 'uniform', 'is-memory'] })),
  ];
  const rows = runs.flatMap(({ run, alpha, pmfs }) =>
    s.checkpoints.flatMap((epoch) =>
      pmfs.map((pmf) => ({
        run,
        ...(alpha === null ? {} : { alpha }),
        seed: s.seed,
        epoch,
        pmf,
        l2: (level[pmf] * (1 + 0.3 * rng.next()) * (1 + (alpha ?? 0))) / (1 + epoch),
        spearman: pmf === 'uniform' ? null : 0.5 + 0.4 * rng.next(),
      })),
    ),
  );
  return { rows, cpuSeconds: 10 + s.seed };
}

/** What the stored settings of an 'emais-traces' measurement hold (one seed). */
interface TraceSettings {
  seed: number;
  checkpoints: number[];
  population: number;
  minibatches: number;
  batchSize: number;
}

/** A hand-made trace estimate: logit values near a multiple of the full ones (what [EMAIS] Figs. 4–5 compare). */
function fakeTraceCheckpoints(settings: unknown): unknown {
  const s = settings as TraceSettings;
  const rng = createRng(s.seed).derive('pinned-compute');
  const checkpoints = s.checkpoints.map((f) => {
    const uNorm = Array.from({ length: 20 }, () => 0.1 + rng.next());
    const gNorm = uNorm.map((u) => 3 * u + 0.2 * rng.next());
    const minibatches = Array.from({ length: s.minibatches }, () => {
      const full = { trIS: 1 + rng.next(), trU: 2 + rng.next(), trOpt: 0.5 * rng.next() };
      const est = (k: number) => ({
        trIS: k * full.trIS * (1 + 0.05 * rng.next()),
        trU: k * full.trU * (1 + 0.05 * rng.next()),
        trOpt: k * full.trOpt * (1 + 0.05 * rng.next()),
      });
      const withRatios = (t: { trIS: number; trU: number; trOpt: number }) => ({
        ...t,
        ems: (s.batchSize * t.trU) / t.trIS,
        efficiency: (t.trIS - t.trOpt) / (t.trU - t.trOpt),
      });
      return { logit: withRatios(est(0.1)), full: withRatios(est(1)) };
    });
    return { seed: s.seed, step: Math.round(f * 470), uNorm, gNorm, minibatches };
  });
  return { checkpoints, cpuSeconds: 20 + s.seed };
}

// The default figures of these parts, pinned (fixtures/pinned-compute.json) before they became figure specs: their
// measurements are hand-made stored values (the fakes above), so the figures are made without training.
describe('pinned default figures: compute', () => {
  pinnedFigureTests('compute', ['pmf-distance', 'emais-traces'], {
    fakes: { 'importance-distance': fakeDistances, 'emais-traces': fakeTraceCheckpoints },
  });
});
