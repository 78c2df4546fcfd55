import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { fashionMnistDirEnv } from '../../src/data/fashion-mnist.js';
import {
  fashionMnistRequirement,
  formatReproduceSummary,
  REPRODUCE_PARTS,
  reproduce,
  reproduceExitCode,
  ReproduceError,
  type ReproducePart,
} from '../../src/experiments/reproduce.js';
import { runOrLoad } from '../../src/experiments/run-or-load.js';
import type { ExperimentModule } from '../../src/experiments/types.js';

describe('reproduce', () => {
  test('the parts of the main job, in order, with their requirements', () => {
    assert.deepEqual(
      REPRODUCE_PARTS.map((p) => [p.name, p.requires.map((r) => r.enable)]),
      [
        ['core', []],
        ['mis', []],
        ['emais', ['sudo apt-get install dataset-fashion-mnist']],
        ['baselines', []],
        ['pointcloud', []],
        ['pmf-distance', []],
        ['emais-traces', ['sudo apt-get install dataset-fashion-mnist']],
        ['emais-extra', ['sudo apt-get install dataset-fashion-mnist']],
        ['emais-studies', ['sudo apt-get install dataset-fashion-mnist']],
        ['asis-fig1', []],
        ['asis-fig8', []],
        ['asis-fig10', []],
        ['omis-mnist', []],
        ['ablations', []],
      ],
    );
  });

  test('a partial run keeps earlier gallery entries whose files still exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-gallery-'));
    try {
      writeFileSync(join(dir, 'a.html'), '<html></html>');
      writeFileSync(
        join(dir, 'gallery.json'),
        JSON.stringify([
          { title: 'A', file: 'a.html', caption: 'kept' },
          { title: 'Gone', file: 'gone.html', caption: 'file deleted since' },
        ]),
      );
      // No part: nothing trains, only the gallery is rebuilt from the manifest.
      await reproduce({ parts: [], figures: dir, results: join(dir, 'results') });
      const manifest = JSON.parse(readFileSync(join(dir, 'gallery.json'), 'utf8'));
      assert.deepEqual(manifest, [{ title: 'A', file: 'a.html', caption: 'kept' }]);
      assert.match(readFileSync(join(dir, 'index.html'), 'utf8'), /a\.html/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reproduce on a machine without Fashion-MNIST', () => {
  let root = '';
  let savedEnv: string | undefined;
  const events: string[] = [];
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-reproduce-'));
    mkdirSync(join(root, 'no-data'));
    savedEnv = process.env[fashionMnistDirEnv];
    process.env[fashionMnistDirEnv] = join(root, 'no-data'); // an empty folder: the data is "not installed"
  });
  after(() => {
    if (savedEnv === undefined) delete process.env[fashionMnistDirEnv];
    else process.env[fashionMnistDirEnv] = savedEnv;
    rmSync(root, { recursive: true, force: true });
  });

  /** A part that trains (or loads) one short poly6 run and writes one figure file. */
  const tinyPart = (name: string): ReproducePart => ({
    name,
    requires: [],
    run: async (ctx) => {
      events.push(`run ${name}`);
      const label = `${name}/uniform`;
      await runOrLoad(
        { task: 'poly6', method: 'uniform', epochs: 1, backend: 'cpu' },
        ctx.results,
        ctx.hooks(label),
      );
      writeFileSync(join(ctx.figures, `${name}.html`), '<html></html>');
      return [{ title: name, file: `${name}.html`, caption: '' }];
    },
  });
  const boom: ExperimentModule = () => Promise.reject(new Error('boom: out of memory in part'));
  const needsData: ReproducePart = {
    name: 'needs-data',
    requires: [
      {
        ...fashionMnistRequirement,
        missing: () => {
          events.push('check needs-data');
          return fashionMnistRequirement.missing();
        },
      },
    ],
    run: () => Promise.reject(new Error('must not run: its data is missing')),
  };

  test('checks requirements first, runs every part it can, reports skipped and crashed parts, exit 1 on a crash', async () => {
    const parts = [
      tinyPart('first'),
      needsData,
      { name: 'crashes', requires: [], run: boom },
      tinyPart('after'),
    ];
    const o = { parts, results: join(root, 'results'), figures: join(root, 'figures'), seeds: [1] };
    // Without allowFailures the job rejects, naming the crashed part and its error (the work is done all the same).
    const failure = await reproduce({ ...o, results: join(root, 'results-rejected') }).then(
      () => assert.fail('a crashed part rejects'),
      (e: unknown) => e,
    );
    assert.ok(failure instanceof ReproduceError);
    assert.match(failure.message, /1 part failed: crashes crashed: boom: out of memory in part/);
    assert.equal(failure.report.exitCode, 1);
    events.splice(0);
    const report = await reproduce({ ...o, allowFailures: true });
    assert.deepEqual(events.splice(0), ['check needs-data', 'run first', 'run after']);
    assert.deepEqual(
      report.parts.map((p) => [p.name, p.status, p.trained, p.loaded, p.figures.length]),
      [
        ['first', 'ran', 1, 0, 1],
        ['needs-data', 'skipped', 0, 0, 0],
        ['crashes', 'crashed', 0, 0, 0],
        ['after', 'ran', 0, 1, 1], // the same run as 'first': loaded from results
      ],
    );
    assert.equal(report.exitCode, 1);
    const gallery = readFileSync(join(root, 'figures', 'index.html'), 'utf8');
    assert.match(gallery, /first\.html/);
    assert.match(gallery, /after\.html/);
    const summary = formatReproduceSummary(report);
    assert.match(summary, /ran +first +1 run trained, 0 loaded from results, 1 figure/);
    assert.match(
      summary,
      /skipped +needs-data +needs Fashion-MNIST.*none of its four IDX files in .*no-data/,
    );
    assert.match(summary, /enable with: sudo apt-get install dataset-fashion-mnist/);
    assert.match(summary, /crashed +crashes .*error: boom: out of memory in part/);
    assert.match(summary, /ran +after +0 runs trained, 1 loaded from results/);
    assert.match(summary, /exit 1 \(crashed: crashes\)/);
    assert.equal(summary.match(/summary:/g)?.length, 1, 'one summary');
  });

  test('a part skipped for missing data is not a failure; the same part asked for by name is', async () => {
    const o = { results: join(root, 'results'), figures: join(root, 'figures'), seeds: [1] };
    const skipped = await reproduce({ ...o, parts: [tinyPart('first'), needsData] });
    assert.equal(skipped.exitCode, 0);
    assert.match(formatReproduceSummary(skipped), /exit 0$/);
    const only = ['needs-data'];
    await assert.rejects(
      reproduce({ ...o, parts: [needsData], only }),
      /needs-data skipped: needs Fashion-MNIST/,
    );
    const asked = await reproduce({ ...o, parts: [tinyPart('first'), needsData], only, allowFailures: true });
    assert.deepEqual(
      asked.parts.map((p) => [p.name, p.status, p.requested]),
      [['needs-data', 'skipped', true]],
    );
    assert.equal(asked.exitCode, 1);
    assert.match(formatReproduceSummary(asked), /exit 1 \(requested but skipped: needs-data\)/);
    events.splice(0);
  });

  /** A part with a plan: short poly6 runs (one per seed) queued on the runner, then loaded; records their keys. */
  const plannedPart = (name: string, seeds: number[], keys: Map<string, string[]>): ReproducePart => {
    const runs = () =>
      seeds.map((seed) => ({ task: 'poly6', method: 'uniform', seed, epochs: 1, backend: 'cpu' as const }));
    return {
      name,
      requires: [],
      plan: runs,
      run: async (ctx) => {
        await ctx.prefetch(runs());
        const got: string[] = [];
        for (const options of runs()) got.push((await runOrLoad(options, ctx.results, ctx.hooks(name))).key);
        keys.set(name, got);
        writeFileSync(join(ctx.figures, `${name}.html`), '<html></html>');
        return [{ title: name, file: `${name}.html`, caption: '' }];
      },
    };
  };

  test('one runner for the whole job: a run two parts share trains once; workers 0 trains the same runs in-process', async () => {
    const counts: unknown[] = [];
    const keys: Map<string, string[]>[] = [];
    for (const workers of [1, 0]) {
      const k = new Map<string, string[]>();
      const report = await reproduce({
        parts: [plannedPart('a', [1, 2], k), plannedPart('b', [2, 3], k)],
        results: join(root, `shared-${workers}`, 'results'),
        figures: join(root, `shared-${workers}`, 'figures'),
        seeds: [1],
        workers,
      });
      counts.push(report.parts.map((p) => [p.name, p.status, p.trained, p.loaded]));
      keys.push(k);
    }
    const expected = [
      ['a', 'ran', 2, 0],
      ['b', 'ran', 1, 1], // seed 2 is a's run: trained once, loaded by b
    ];
    assert.deepEqual(counts, [expected, expected]);
    // Warm: the same job again counts each run once, as loaded (prefetched and then loaded is one run, not two).
    const warm = await reproduce({
      parts: [plannedPart('a', [1, 2], new Map()), plannedPart('b', [2, 3], new Map())],
      results: join(root, 'shared-1', 'results'),
      figures: join(root, 'shared-1', 'figures'),
      seeds: [1],
      workers: 1,
    });
    assert.deepEqual(
      warm.parts.map((p) => [p.name, p.trained, p.loaded]),
      [
        ['a', 0, 2],
        ['b', 0, 2],
      ],
    );
    assert.deepEqual(keys[0], keys[1], 'same run keys on the runner and in-process');
    await assert.rejects(
      reproduce({ parts: [], results: join(root, 'r'), figures: join(root, 'f'), workers: -1 }),
      /workers -1 is not allowed; give an integer ≥ 0/,
    );
  });

  test('the real emais part is skipped before any training, with the install command', async () => {
    const t0 = performance.now();
    const report = await reproduce({
      only: ['emais'],
      allowFailures: true,
      results: join(root, 'results-real'),
      figures: join(root, 'figures-real'),
    });
    assert.ok(performance.now() - t0 < 5000, 'no training happened');
    assert.equal(report.parts[0].status, 'skipped');
    assert.equal(report.parts[0].missing[0].enable, 'sudo apt-get install dataset-fashion-mnist');
  });

  test('bad options and outputs fail before any part runs', async () => {
    const parts = [tinyPart('first')];
    const o = { parts, results: join(root, 'results'), figures: join(root, 'figures') };
    await assert.rejects(
      reproduce({ ...o, only: ['nosuchpart'] }),
      /only: 'nosuchpart' is neither a part nor a figure id; parts: first/,
    );
    await assert.rejects(reproduce({ ...o, seeds: [] }), /seeds is empty/);
    await assert.rejects(reproduce({ ...o, seeds: [1, -2] }), /seed -2 is not a non-negative integer/);
    writeFileSync(join(root, 'a-file'), '');
    await assert.rejects(
      reproduce({ ...o, figures: join(root, 'a-file') }),
      /figures \(--figures\) '.*a-file' is a file/,
    );
    await assert.rejects(reproduce({ ...o, results: '' }), /results \(--results\): the path is empty/);
    assert.deepEqual(events, [], 'no part ran');
  });
});

describe('reproduceExitCode', () => {
  test('0 unless a part crashed or a requested part was skipped', () => {
    assert.equal(reproduceExitCode([]), 0);
    assert.equal(
      reproduceExitCode([
        { status: 'ran', requested: false },
        { status: 'skipped', requested: false },
      ]),
      0,
    );
    assert.equal(
      reproduceExitCode([
        { status: 'ran', requested: true },
        { status: 'crashed', requested: false },
      ]),
      1,
    );
    assert.equal(reproduceExitCode([{ status: 'skipped', requested: true }]), 1);
  });
});
