import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reproduce } from '../../src/experiments/reproduce.js';
import type { FigureSpec } from '../../src/experiments/figure-spec.js';
import { runFigure, runLabel, writeFigureOutput } from '../../src/experiments/run-figure.js';
import type { ReproduceContext, TrainOptions } from '../../src/experiments/types.js';
import { runFolder, writeFakeRun } from '../helpers/fake-records.js';
import { misFig2Poly6 } from '../../src/papers/mis/fig2-poly6.js';

describe('a figure with changed settings (reproduce({ only: [id], set }))', () => {
  test('trains only its runs, is written beside the default under a name carrying the settings, caption says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-set-'));
    const chrome = process.env.ISGRAD_CHROME;
    process.env.ISGRAD_CHROME = join(dir, 'no-browser'); // no static export: not what is tested
    try {
      const figures = join(dir, 'figures');
      mkdirSync(figures);
      // The default figure of an earlier job: it must stay as it is.
      const entry = { title: 'default', file: 'poly6-excess-loss.html', caption: 'the default caption' };
      writeFileSync(join(figures, 'poly6-excess-loss.html'), '<html>default</html>');
      writeFileSync(join(figures, 'poly6-excess-loss.json'), '{"data":[],"layout":{}}');
      writeFileSync(join(figures, 'gallery.json'), JSON.stringify([entry]));
      const o = {
        only: ['core/poly6-excess-loss'],
        set: { lr: 0.05, seeds: '1', epochs: 1 },
        results: join(dir, 'results'),
        figures,
        workers: 0,
      };
      const report = await reproduce(o);
      assert.deepEqual(
        report.parts.map((p) => [p.name, p.status, p.trained, p.loaded]),
        [['core/poly6-excess-loss', 'ran', 3, 0]], // uniform, IS, AS at seed 1
      );
      const [made] = report.parts[0].figures;
      assert.equal(made.file, 'poly6-excess-loss.seeds-1.lr-0.05.epochs-1.html');
      assert.match(
        made.caption,
        /^Settings changed from the defaults: seeds = 1 \(default 1, 2, 3\); lr = 0\.05 \(default 0\.02\); epochs = 1 \(default 0\)\. Excess training loss .* Seeds 1\. /,
      );
      // One epoch is the memory's uniform warm-up pass: the three runs coincide, and the verdict says so.
      assert.match(made.caption, /IS \(ours\) ÷ SGD \(uniform\) 1\.0 \(one seed\): not resolved from 1/);
      assert.ok(existsSync(join(figures, 'poly6-excess-loss.seeds-1.lr-0.05.epochs-1.json')));
      assert.equal(readFileSync(join(figures, 'poly6-excess-loss.html'), 'utf8'), '<html>default</html>');
      assert.equal(readFileSync(join(figures, 'poly6-excess-loss.json'), 'utf8'), '{"data":[],"layout":{}}');
      const gallery = JSON.parse(readFileSync(join(figures, 'gallery.json'), 'utf8')) as { file: string }[];
      assert.deepEqual(
        gallery.map((g) => g.file),
        ['poly6-excess-loss.html', 'poly6-excess-loss.seeds-1.lr-0.05.epochs-1.html'],
      );
      // Warm: the same settings again train nothing.
      const again = await reproduce(o);
      assert.deepEqual(
        again.parts.map((p) => [p.trained, p.loaded]),
        [[0, 3]],
      );
    } finally {
      if (chrome === undefined) delete process.env.ISGRAD_CHROME;
      else process.env.ISGRAD_CHROME = chrome;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown setting, a value out of range or a setting of a part without settings fails before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-set-bad-'));
    try {
      const o = { results: join(dir, 'r'), figures: join(dir, 'f'), workers: 0 };
      await assert.rejects(
        reproduce({ ...o, only: ['mis/fig2-poly6'], set: { nosuch: 1 } }),
        /figure mis\/fig2-poly6: unknown setting 'nosuch'; its settings: scale \(one of quick, full\), seeds/,
      );
      await assert.rejects(
        reproduce({ ...o, only: ['mis/fig2-poly6'], set: { lr: -1 } }),
        /figure mis\/fig2-poly6: setting lr must be a number > 0, got -1/,
      );
      // A part that is a module (user code, not figure specs) takes no settings.
      const module = { name: 'mine', requires: [], run: async () => [] };
      await assert.rejects(
        reproduce({ ...o, parts: [module], only: ['mine'], set: { seeds: [1] } }),
        /part mine has no declared settings \(only figure specs do/,
      );
      assert.deepEqual(existsSync(join(dir, 'r')) ? readdirSync(join(dir, 'r')) : [], [], 'nothing trained');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runLabel', () => {
  test('task, method with its options, seed', () => {
    assert.equal(
      runLabel({ options: { task: 'poly6', method: 'omis', seed: 2, methodOptions: { J: 4 } } }),
      'poly6/omis J=4/seed 2',
    );
    assert.equal(runLabel({ options: { task: 'poly6', method: 'is' } }), 'poly6/is/seed 1');
    const schedule = { batchSizes: Array.from({ length: 470 }, () => 128) };
    assert.equal(
      runLabel({ options: { task: 'fmnist-lenet', method: 'uniform-dynamic', methodOptions: schedule } }),
      'fmnist-lenet/uniform-dynamic batchSizes=[470 values]/seed 1',
    );
  });
});

describe('writeFigureOutput', () => {
  const spec = { ...misFig2Poly6, id: 'test/out' } as unknown as FigureSpec;
  const task = { spec, settings: {}, base: {}, changed: [] };
  test('a table page is written as given (no JSON); a plot as HTML and JSON; both or neither is an error', () => {
    const figures = mkdtempSync(join(tmpdir(), 'isgrad-output-'));
    try {
      const ctx = { figures, log: () => {} };
      const page = '<!doctype html><table><tr><td>1</td></tr></table>\n';
      const t = writeFigureOutput(ctx, task, { file: 't', title: 'T', caption: 'c', html: page }, []);
      assert.deepEqual(t, { title: 'T', file: 't.html', caption: 'c' });
      assert.equal(readFileSync(join(figures, 't.html'), 'utf8'), page);
      assert.equal(existsSync(join(figures, 't.json')), false);
      const fig = { data: [{ type: 'scatter', x: [1], y: [2] }], layout: {} };
      writeFigureOutput(ctx, task, { file: 'f', title: 'F', caption: 'c', figure: fig }, []);
      assert.ok(existsSync(join(figures, 'f.html')) && existsSync(join(figures, 'f.json')));
      for (const bad of [{ figure: fig, html: page }, {}]) {
        assert.throws(
          () => writeFigureOutput(ctx, task, { file: 'x', title: 'X', caption: 'c', ...bad }, []),
          /figure test\/out: output 'x' needs exactly one of figure and html/,
        );
      }
    } finally {
      rmSync(figures, { recursive: true, force: true });
    }
  });
});

describe('runFigure: dependent runs (FigurePlan.dependents)', () => {
  test('are planned from the loaded runs, queued first, loaded and appended to the runs make reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-dependents-'));
    try {
      const results = join(dir, 'results');
      const first: TrainOptions = { task: 'poly6', method: 'uniform', seed: 1, epochs: 2 };
      // The dependent run's options come from the first run's records: its batch sizes, one per recorded step.
      const follow = (steps: number): TrainOptions => ({
        task: 'poly6',
        method: 'uniform-dynamic',
        seed: 1,
        epochs: 2,
        methodOptions: { batchSizes: Array.from({ length: steps }, (_, k) => 4 + (k % 3)) },
      });
      const a = await runFolder(first, results);
      await writeFakeRun(a.dir, first, a.key);
      const b = await runFolder(follow(40), results); // the hand-made run has 40 steps
      await writeFakeRun(b.dir, follow(40), b.key);
      const prefetched: { runs: TrainOptions[]; first: boolean }[] = [];
      const ctx: ReproduceContext = {
        scale: 'quick',
        seeds: [1],
        results,
        figures: join(dir, 'figures'),
        log: () => {},
        hooks: () => ({}),
        prefetch: async (runs, o = {}) => {
          prefetched.push({ runs: [...runs], first: o.first === true });
          return [];
        },
        precompute: async () => {},
      };
      let seen: (string | number)[][] = [];
      const spec = {
        id: 'test/dependents',
        title: 'T',
        paper: '-',
        settings: {},
        plan: () => ({
          runs: [{ options: first, tags: { curve: 'first' } }],
          dependents: (runs: readonly { steps: { numRows(): number } }[]) => [
            { options: follow(runs[0].steps.numRows()), tags: { curve: 'dependent' } },
          ],
        }),
        make: (input: { runs: readonly { tags: Record<string, string | number>; dir: string }[] }) => {
          seen = input.runs.map((r) => [String(r.tags.curve), r.dir]);
          return [];
        },
      } as unknown as FigureSpec;
      await runFigure(ctx, { spec, settings: {}, base: {}, changed: [] });
      assert.deepEqual(seen, [
        ['first', a.dir],
        ['dependent', b.dir],
      ]);
      assert.deepEqual(prefetched, [
        { runs: [first], first: false },
        { runs: [follow(40)], first: true },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
