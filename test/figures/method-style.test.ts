import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ablationCurvesFigure } from '../../src/figures/ablation-figure.js';
import { fallbackPalette, figureStyles, knownMethodStyles, methodStyle } from '../../src/figures/method-style.js';
import { ablations, type AblationName } from '../../src/sweep/ablation-specs.js';

const DASHES = ['solid', 'dot', 'dash', 'longdash', 'dashdot', 'longdashdot'];
const HEX = /^#[0-9a-f]{6}$/;

describe('methodStyle', () => {
  it('pins the look of the main methods', () => {
    assert.deepEqual(methodStyle('uniform'), { label: 'SGD (uniform)', color: '#222222', dash: 'solid' });
    assert.deepEqual(methodStyle('is'), { label: 'IS (ours)', color: '#d55e00', dash: 'solid' });
    assert.deepEqual(methodStyle('as'), { label: 'AS (ours)', color: '#0072b2', dash: 'solid' });
    assert.equal(methodStyle('exact').label, 'Exact GD');
    assert.equal(methodStyle('omis-j4').label, 'OMIS (J = 4)');
    assert.equal(methodStyle('rais').label, 'RAIS-lite', 'METHODS §6.4: RAIS-lite is labelled as such');
  });

  it('covers every method named in the brief with a valid style and a unique label', () => {
    const names = [
      'uniform',
      'uniform-replace',
      'is',
      'as',
      'mis-bh',
      'omis-j2',
      'omis-j4',
      'exact',
      'emais',
      'dlis',
      'low',
      'rais',
      'confidence',
      'confvar',
      'self-paced',
      'obs',
      'lis',
    ];
    for (const n of names) assert.ok(Object.hasOwn(knownMethodStyles, n), `no style for '${n}'`);
    const styles = Object.values(knownMethodStyles);
    for (const s of styles) {
      assert.match(s.color, HEX, `colour of '${s.label}'`);
      assert.ok(DASHES.includes(s.dash), `dash of '${s.label}': ${s.dash}`);
    }
    assert.equal(new Set(styles.map((s) => s.label)).size, styles.length, 'labels are unique');
    const looks = styles.map((s) => `${s.color} ${s.dash}`);
    assert.equal(new Set(looks).size, looks.length, 'no two methods share colour and dash');
  });

  it('matches known names after trimming and lower-casing, and returns a fresh object', () => {
    assert.deepEqual(methodStyle(' IS '), methodStyle('is'));
    const a = methodStyle('is');
    a.color = '#000000';
    assert.equal(methodStyle('is').color, '#d55e00');
  });

  it('gives unknown names a deterministic fallback from the palette, distinct from known colours', () => {
    // Pinned so the look of an unknown method does not change between versions.
    assert.deepEqual(methodStyle('my-sampler'), { label: 'my-sampler', color: '#88ccee', dash: 'dash' });
    assert.deepEqual(methodStyle('my-sampler'), methodStyle('my-sampler'));
    const known = new Set(Object.values(knownMethodStyles).map((s) => s.color));
    const colours = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const s = methodStyle(`custom-${i}`);
      assert.equal(s.label, `custom-${i}`);
      assert.ok(fallbackPalette.includes(s.color), `custom-${i}: ${s.color} not in the fallback palette`);
      assert.ok(!known.has(s.color), `custom-${i}: ${s.color} collides with a known method`);
      assert.ok(DASHES.includes(s.dash));
      colours.add(s.color);
    }
    assert.ok(colours.size >= 4, `40 names should spread over the palette; got ${colours.size} colours`);
  });

  it('rejects an empty name', () => {
    assert.throws(() => methodStyle('  '), /name must be a non-empty string; got " {2}"/);
  });
});

// Colour-vision-deficiency check of the main methods' colours. Simulation: Machado, Oliveira & Fernandes (2009),
// "A physiologically-based model for simulation of color vision deficiency", severity 1.0 matrices, applied to
// linear RGB; distance: CIE76 ΔE in CIELAB (D65). The former tab10 colours failed this (protan: OMIS vs EMAIS
// ΔE 4.6; deutan: IS vs OMIS ΔE 7.3); the Okabe–Ito ones pass with ΔE ≥ 17.
const CVD: Record<string, number[][]> = {
  protan: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deutan: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritan: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};
/** ΔE76 below ~10 reads as "the same colour" in a line plot; 15 leaves margin. */
const MIN_DELTA_E = 15;

function linearRgb(hex: string): number[] {
  return [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; // sRGB transfer function
  });
}

function lab(rgb: number[]): number[] {
  const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v)));
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe('method colours under colour-vision deficiency', () => {
  it(`keep the main methods apart (CIE76 ΔE ≥ ${MIN_DELTA_E}) for protan, deutan and tritan vision`, () => {
    const main = ['uniform', 'is', 'as', 'mis-bh', 'omis', 'emais'];
    for (const [kind, m] of Object.entries(CVD)) {
      const seen = main.map((n) => {
        const c = linearRgb(methodStyle(n).color);
        return lab(m.map((row) => row[0] * c[0] + row[1] * c[1] + row[2] * c[2]));
      });
      for (let i = 0; i < main.length; i++) {
        for (let j = i + 1; j < main.length; j++) {
          const d = Math.hypot(...seen[i].map((v, k) => v - seen[j][k]));
          assert.ok(d >= MIN_DELTA_E, `${kind}: ${main[i]} vs ${main[j]} ΔE ${d.toFixed(1)} < ${MIN_DELTA_E}`);
        }
      }
    }
  });
});

describe('figureStyles', () => {
  const look = (s: { color: string; dash: string }) => `${s.color} ${s.dash}`;

  it('keeps known methods fixed and gives unknown groups the palette in order, then the next dash', () => {
    const s = figureStyles(['is', 'a', 'b', 'uniform']);
    assert.deepEqual(s.get('is'), methodStyle('is'));
    assert.deepEqual(s.get('uniform'), methodStyle('uniform'));
    assert.deepEqual(s.get('a'), { label: 'a', color: fallbackPalette[0], dash: 'solid' });
    assert.deepEqual(s.get('b'), { label: 'b', color: fallbackPalette[1], dash: 'solid' });
    const many = figureStyles(Array.from({ length: 9 }, (_, i) => `v${i}`));
    assert.deepEqual(many.get('v8'), { label: 'v8', color: fallbackPalette[0], dash: 'dash' }, '9th: first colour, dashed');
    const mapped = figureStyles(['x'], () => 'omis');
    assert.deepEqual(mapped.get('x'), methodStyle('omis'), 'styleOf picks the style key');
  });

  it('gives every group of a figure its own colour-and-dash, up to 40 unknown groups besides every known method', () => {
    const groups = [...Object.keys(knownMethodStyles), ...Array.from({ length: 40 }, (_, i) => `value ${i}`)];
    const looks = [...figureStyles(groups).values()].map(look);
    assert.equal(new Set(looks).size, groups.length);
  });

  for (const name of Object.keys(ablations) as AblationName[]) {
    it(`ablation '${name}': each swept value's curve has a distinct colour or dash`, () => {
      const a = ablations[name];
      const values = (a.spec.grid ?? {})[a.key] as (number | string)[];
      const rows = values.flatMap((v) =>
        [1, 2].flatMap((seed) => [0, 16, 32].map((step) => ({ [a.key]: v, seed, step, excessLoss: 1 + step + seed }))),
      );
      const fig = ablationCurvesFigure(rows, { value: a.key, valueLabel: a.symbol, x: 'step', y: 'excessLoss', logY: true });
      const lines = fig.data.filter((t) => t.mode === 'lines' && t.fill === undefined);
      assert.equal(lines.length, values.length, 'one line per value');
      const looks = lines.map((t) => look({ color: t.line?.color ?? '', dash: t.line?.dash ?? 'solid' }));
      assert.equal(new Set(looks).size, values.length, `styles: ${lines.map((t, i) => `${t.name}: ${looks[i]}`).join('; ')}`);
    });
  }
});
