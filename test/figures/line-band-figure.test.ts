import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { createRng } from '../../src/random/rng.js';
import { lineBandFigure, lineBandFigureDefaults } from '../../src/figures/line-band-figure.js';
import { figureStyles, methodStyle, type MethodStyle } from '../../src/figures/method-style.js';
import type { RunRow } from '../../src/figures/summarize-runs.js';

const SNAPSHOT = fileURLToPath(new URL('./__snapshots__/line-band-figure.json', import.meta.url));

/** Rounds every number to 3 decimals (as Plot's snapshot tests do), so float noise does not churn snapshots. */
function round3(value: unknown): unknown {
  if (typeof value === 'number') {
    const r = Math.round(value * 1000) / 1000;
    return Object.is(r, -0) ? 0 : r;
  }
  if (Array.isArray(value)) return value.map(round3);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round3(v)]));
  }
  return value;
}

/** Loss curves loss = a·exp(−k·step/50)·exp(0.2·z), z ~ N(0,1), 3 seeds, steps 0..50; seed 2 of 'is' diverges. */
function syntheticRuns(): RunRow[] {
  const rng = createRng(42);
  const curves: [string, number, number][] = [
    ['uniform', 1, 1],
    ['is', 1, 2],
    ['omis-j2', 0.8, 3],
    ['my-method', 1.2, 1.5],
  ];
  const rows: RunRow[] = [];
  for (const [method, a, k] of curves) {
    for (let seed = 0; seed < 3; seed++) {
      for (let step = 0; step <= 50; step += 10) {
        const diverged = method === 'is' && seed === 2 && step >= 40;
        const loss = diverged ? NaN : a * Math.exp((-k * step) / 50) * Math.exp(0.2 * rng.normal());
        rows.push({ method, seed, step, loss });
      }
    }
  }
  return rows;
}

const snapshotOptions = {
  x: 'step',
  y: 'loss',
  logY: true,
  title: 'Training loss',
  xTitle: 'step',
  yTitle: 'loss (log)',
  order: ['is', 'omis-j2'],
} as const;

describe('lineBandFigure', () => {
  it('pins its defaults', () => {
    assert.deepEqual(lineBandFigureDefaults, {
      group: 'method',
      replicate: 'seed',
      band: 'std',
      logY: false,
      title: '',
      order: [],
      logX: false,
      width: null,
      height: null,
      bandOpacity: 0.2,
      lineWidth: 1.5,
    });
  });

  it('matches the committed snapshot (numbers rounded to 3 decimals)', async () => {
    const actual = round3(lineBandFigure(syntheticRuns(), snapshotOptions));
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      // Written in the repository's prettier style so `prettier --check .` passes on the committed file.
      const text = await format(JSON.stringify(actual), { ...(await resolveConfig(SNAPSHOT)), parser: 'json' });
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, text);
    }
    assert.ok(existsSync(SNAPSHOT), `missing snapshot ${SNAPSHOT}; create it with UPDATE_SNAPSHOTS=1`);
    assert.deepEqual(actual, JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });

  it('draws bands first, then lines, in the given order followed by first appearance', () => {
    const fig = lineBandFigure(syntheticRuns(), snapshotOptions);
    const methods = ['is', 'omis-j2', 'uniform', 'my-method'];
    assert.deepEqual(
      fig.data.map((t) => [t.legendgroup, t.fill ?? 'line']),
      [...methods.map((m) => [m, 'toself']), ...methods.map((m) => [m, 'line'])],
    );
    const lines = fig.data.slice(4);
    assert.deepEqual(
      lines.map((t) => t.name),
      methods.map((m) => methodStyle(m).label),
    );
    const styles = figureStyles(methods);
    for (const [i, t] of lines.entries()) {
      const s = styles.get(methods[i]) as MethodStyle;
      assert.deepEqual(t.line, { color: s.color, width: 1.5, dash: s.dash });
    }
    // The diverged seed leaves 2 replicates at steps 40 and 50 for 'is'.
    assert.deepEqual(lines[0].customdata, [3, 3, 3, 3, 2, 2]);
    assert.deepEqual(fig.data[0].showlegend, false);
    assert.equal(fig.data[0].fillcolor, 'rgba(213,94,0,0.2)', "band of 'is' is #d55e00 at opacity 0.2");
  });

  it('builds the band polygon from the upper edge forwards and the lower edge backwards', () => {
    // log10 values at step 0: {0, 2} → geometric mean 10, band 10^(1 ∓ √2); step 1: {1, 1} → 10, zero width.
    const rows: RunRow[] = [
      { method: 'is', seed: 0, step: 0, loss: 1 },
      { method: 'is', seed: 1, step: 0, loss: 100 },
      { method: 'is', seed: 0, step: 1, loss: 10 },
      { method: 'is', seed: 1, step: 1, loss: 10 },
    ];
    const [band, line] = lineBandFigure(rows, { x: 'step', y: 'loss', logY: true }).data;
    const TOL = 1e-12; // float64 round-off of log10 / 10^x
    const expectedY = [10 ** (1 + Math.SQRT2), 10, 10, 10 ** (1 - Math.SQRT2)];
    assert.deepEqual(band.x, [0, 1, 1, 0]);
    band.y.forEach((v, i) =>
      assert.ok(Math.abs(v - expectedY[i]) <= TOL * expectedY[i], `band.y[${i}] = ${v}, expected ${expectedY[i]}`),
    );
    assert.deepEqual(line.x, [0, 1]);
    line.y.forEach((v, i) => assert.ok(Math.abs(v - 10) <= TOL * 10, `line.y[${i}] = ${v}, expected 10`));
  });

  it('sets paper-like layout: white background, axis lines, log axes, legend inside top-right', () => {
    const { layout } = lineBandFigure(syntheticRuns(), { ...snapshotOptions, logX: true, width: 500, height: 300 });
    assert.equal(layout.paper_bgcolor, '#ffffff');
    assert.equal(layout.plot_bgcolor, '#ffffff');
    assert.equal(layout.yaxis?.type, 'log');
    assert.equal(layout.xaxis?.type, 'log');
    assert.equal(layout.xaxis?.showline, true);
    assert.equal(layout.xaxis?.linewidth, 1);
    assert.deepEqual(layout.title, { text: 'Training loss', x: 0.5, xanchor: 'center' });
    assert.equal(layout.yaxis?.title?.text, 'loss (log)');
    assert.deepEqual(
      [layout.legend?.x, layout.legend?.y, layout.legend?.xanchor, layout.legend?.yanchor],
      [0.99, 0.99, 'right', 'top'],
    );
    assert.deepEqual([layout.width, layout.height, layout.autosize], [500, 300, false]);

    const plain = lineBandFigure(syntheticRuns(), { x: 'step', y: 'loss' }).layout;
    assert.equal(plain.yaxis?.type, 'linear');
    assert.equal(plain.xaxis?.title?.text, 'step', 'axis titles default to the column names');
    assert.equal(plain.title, undefined, 'no title by default');
    assert.ok(!('width' in plain) && !('height' in plain), 'no fixed size by default');
  });

  it("omits bands for band: 'none'", () => {
    const fig = lineBandFigure(syntheticRuns(), { x: 'step', y: 'loss', band: 'none' });
    assert.equal(fig.data.length, 4);
    assert.ok(fig.data.every((t) => t.fill === undefined));
  });

  it('is pure and deterministic', () => {
    const rows = syntheticRuns();
    const copy = structuredClone(rows);
    const a = lineBandFigure(rows, snapshotOptions);
    const b = lineBandFigure(rows, snapshotOptions);
    assert.deepEqual(a, b);
    assert.deepEqual(rows, copy, 'rows are not modified');
    assert.notEqual(a.data[4].x, b.data[4].x, 'fresh arrays per call');
  });

  it('rejects bad presentation options', () => {
    const rows = syntheticRuns();
    assert.throws(
      () => lineBandFigure(rows, { x: 'step', y: 'loss', bandOpacity: 2 }),
      /bandOpacity must be in \[0, 1\]; got 2/,
    );
    assert.throws(() => lineBandFigure(rows, { x: 'step', y: 'loss', lineWidth: 0 }), /lineWidth .* got 0/);
    assert.throws(() => lineBandFigure(rows, { x: 'step', y: 'loss', width: -5 }), /width .* got -5/);
    assert.throws(
      () => lineBandFigure(rows, { x: 'step', y: 'loss', band: 'box' as 'std' }),
      /band must be one of .* got 'box'/,
    );
  });
});
