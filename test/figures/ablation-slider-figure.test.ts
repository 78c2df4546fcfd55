import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ablationSliderFigure } from '../../src/figures/ablation-slider-figure.js';

// 3 values (given out of order, 10 before 2: the steps must sort numerically) × 3 seeds × 5 steps, y > 0.
const values = [10, 0.5, 2];
const seeds = [1, 2, 3];
const rows = values.flatMap((beta) =>
  seeds.flatMap((seed) =>
    [1, 2, 3, 4, 5].map((step) => ({ beta, seed, step, loss: (beta + 1) * seed * 10 ** -step, run: `b${beta}-s${seed}` })),
  ),
);
const opts = { value: 'beta', valueLabel: 'β', x: 'step', y: 'loss', logY: true } as const;

describe('ablationSliderFigure', () => {
  it('has one update step per value, in numeric order, each showing that value and the grey context only', () => {
    const fig = ablationSliderFigure(rows, { ...opts, title: 'T' });
    const slider = fig.layout.sliders?.[0];
    assert.ok(slider !== undefined);
    assert.deepEqual(
      slider.steps.map((s) => s.label),
      ['0.5', '2', '10'],
    );
    assert.equal(slider.currentvalue?.prefix, 'β = ');
    const context = fig.data.filter((t) => t.legendgroup === 'all values');
    assert.equal(context.length, 3, 'one grey mean per value');
    const shownIn = fig.data.map(() => 0);
    slider.steps.forEach((step, k) => {
      assert.equal(step.method, 'update');
      const visible = step.args[0].visible;
      assert.equal(visible.length, fig.data.length);
      const group = `β = ${['0.5', '2', '10'][k]}`;
      fig.data.forEach((t, i) => {
        const expected = t.legendgroup === 'all values' || t.legendgroup === group;
        assert.equal(visible[i], expected, `step ${k}, trace ${t.name}`);
        if (visible[i] && t.legendgroup !== 'all values') shownIn[i]++;
      });
      // band + 3 seeds + mean for the value
      assert.equal(visible.filter((v, i) => v && fig.data[i].legendgroup === group).length, 5);
      assert.equal(step.args[1]['title.text'], `T: ${group}`);
    });
    fig.data.forEach((t, i) => {
      if (t.legendgroup !== 'all values') assert.equal(shownIn[i], 1, `${t.name} belongs to exactly one step`);
    });
  });

  it('draws the active value: the traces’ own visibility and the title match the active step', () => {
    for (const [active, k] of [
      [null, 0],
      [2, 1],
      ['10', 2],
    ] as const) {
      const fig = ablationSliderFigure(rows, { ...opts, active });
      const slider = fig.layout.sliders?.[0];
      assert.equal(slider?.active, k);
      assert.deepEqual(
        fig.data.map((t) => t.visible),
        slider?.steps[k].args[0].visible,
      );
      assert.equal(fig.layout.title?.text, slider?.steps[k].args[1]['title.text']);
    }
    assert.throws(() => ablationSliderFigure(rows, { ...opts, active: 0.7 }), /active 0\.7 is not a value of 'beta'; values: 0\.5, 2, 10/);
  });

  it('mean curve = geometric mean over seeds, seed curves = the rows, fixed ranges cover every point', () => {
    const fig = ablationSliderFigure(rows, opts);
    const mean = fig.data.find((t) => t.name === 'β = 2, mean');
    assert.ok(mean !== undefined);
    assert.deepEqual(mean.x, [1, 2, 3, 4, 5]);
    mean.y.forEach((y, i) => {
      // float64 reference: 10^(mean_s log10((2 + 1) s 10^-step)) = 3 · 6^(1/3) · 10^-step
      const ref = 3 * Math.cbrt(6) * 10 ** -(i + 1);
      assert.ok(Math.abs(y - ref) <= 1e-12 * ref, `${y} vs ${ref}`);
    });
    const seed2 = fig.data.filter((t) => t.legendgroup === 'β = 2' && t.name === 'β = 2, each seed' && t.fill !== 'toself');
    assert.equal(seed2.length, 3);
    assert.deepEqual(seed2[1].y, [1, 2, 3, 4, 5].map((s) => 3 * 2 * 10 ** -s));
    assert.deepEqual(
      seed2.map((t) => t.showlegend),
      [true, false, false],
    );
    const [ylo, yhi] = fig.layout.yaxis?.range ?? [NaN, NaN];
    const logs = fig.data.flatMap((t) => t.y).map(Math.log10);
    assert.ok(ylo < Math.min(...logs) && yhi > Math.max(...logs), `${ylo}..${yhi}`);
    const [xlo, xhi] = fig.layout.xaxis?.range ?? [NaN, NaN];
    assert.ok(Math.abs(xlo - 0.84) < 1e-12 && Math.abs(xhi - 5.16) < 1e-12, `${xlo}..${xhi}`); // ± 4% of the span
    assert.equal(fig.layout.yaxis?.type, 'log');
  });

  it('adds the per-value note under the title, and the figure is plain JSON', () => {
    const fig = ablationSliderFigure(rows, { ...opts, notes: { '2': 'tail 1e-3' } });
    const steps = fig.layout.sliders?.[0].steps ?? [];
    assert.equal(steps[1].args[1]['title.text'], 'β = 2<br><span style="font-size: 11px">tail 1e-3</span>');
    assert.equal(steps[0].args[1]['title.text'], 'β = 0.5');
    assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig);
  });

  it('leaves out unusable y on a log axis, and rejects bad input naming it', () => {
    const withZero = [...rows, { beta: 2, seed: 1, step: 6, loss: 0, run: 'b2-s1' }];
    const fig = ablationSliderFigure(withZero, opts);
    for (const t of fig.data) assert.ok(t.y.every((y) => y > 0));
    assert.throws(() => ablationSliderFigure([], opts), /rows is empty/);
    assert.throws(
      () => ablationSliderFigure([{ seed: 1, step: 1, loss: 1 }], opts),
      /row 0 has beta = undefined; expected a finite number or a string/,
    );
  });
});
