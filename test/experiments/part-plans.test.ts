import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPRODUCE_PARTS } from '../../src/experiments/reproduce.js';
import type { ReproduceContext } from '../../src/experiments/types.js';
import type { TrialResult } from '../../src/sweep/trial-pool.js';
import { toTrials } from '../../src/sweep/expand-trials.js';
import { FAKE_STEPS as STEPS, runFolder, writeFakeRun } from '../helpers/fake-records.js';

/**
 * Runs one part of the main job against a fake runner: `prefetch` writes hand-made records for every run it is
 * given (so nothing trains) and remembers the keys; the hooks record the key of every run the part then loads.
 */
async function runPart(name: string, results: string, figures: string) {
  const part = REPRODUCE_PARTS.find((p) => p.name === name);
  assert.ok(part?.plan && part.run, `part ${name} has a plan and a module`);
  const fetched: { key: string; first: boolean }[] = [];
  const loaded: { key: string; cached: boolean }[] = [];
  const ctx: ReproduceContext = {
    scale: 'quick',
    seeds: [1, 2, 3],
    results,
    figures,
    log: () => {},
    hooks: () => ({ onRecords: (r) => loaded.push({ key: r.key, cached: r.cached }) }),
    precompute: async () => {},
    prefetch: async (runs, options = {}) => {
      const out: TrialResult[] = [];
      for (const t of toTrials([...runs])) {
        const { dir, key } = await runFolder(t.options, results);
        if (!existsSync(join(dir, 'summary.json'))) await writeFakeRun(dir, t.options, key);
        fetched.push({ key, first: options.first === true });
        out.push({
          trial: t,
          status: 'trained',
          dir,
          key,
          backend: 'fake',
          steps: STEPS,
          wallSeconds: 1,
          cpuSeconds: 1,
          timing: [],
        });
      }
      return out;
    },
  };
  const entries = await part.run(ctx);
  const planned = new Set<string>();
  for (const options of part.plan({ scale: ctx.scale, seeds: ctx.seeds }))
    planned.add((await runFolder(options, results)).key);
  return { entries, fetched, loaded, planned };
}

describe('the plans of the main job’s parts', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isgrad-plans-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Each part, run against a fake runner: the runs it loads are exactly its plan (plus, for 'emais', per seed the run
  // that depends on another run's records, submitted ahead of the queue), and every load finds the runner's
  // records (cached: nothing trains in-process).
  for (const [name, unplanned] of [
    ['emais', 3], // per seed (quick: 3), SGD-Uni with batch sizes B_eff,t from that seed's Linear-τ run
    ['emais-extra', 0],
  ] as const) {
    test(`${name}: the plan's run keys are the keys the part loads`, async () => {
      const { entries, fetched, loaded, planned } = await runPart(
        name,
        join(dir, name, 'results'),
        join(dir, name, 'figures'),
      );
      assert.ok(entries.length > 0, 'the part wrote figures');
      assert.ok(planned.size > 0);
      const loadedKeys = new Set(loaded.map((l) => l.key));
      const extra = [...loadedKeys].filter((k) => !planned.has(k));
      assert.deepEqual(
        [...planned].filter((k) => !loadedKeys.has(k)),
        [],
        'every planned run is loaded',
      );
      assert.equal(extra.length, unplanned, `runs loaded outside the plan: ${extra.join(', ')}`);
      for (const k of extra) {
        assert.ok(
          fetched.some((f) => f.key === k && f.first),
          'an unplanned run goes to the runner ahead of the queue',
        );
      }
      assert.ok(
        loaded.every((l) => l.cached),
        'no run trained in-process',
      );
      assert.ok(fetched.every((f) => planned.has(f.key) || f.first));
    });
  }
});
