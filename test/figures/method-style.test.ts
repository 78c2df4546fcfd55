import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackPalette, knownMethodStyles, methodStyle } from '../../src/figures/method-style.js';

const DASHES = ['solid', 'dot', 'dash', 'longdash', 'dashdot', 'longdashdot'];
const HEX = /^#[0-9a-f]{6}$/;

describe('methodStyle', () => {
  it('pins the look of the main methods', () => {
    assert.deepEqual(methodStyle('uniform'), { label: 'SGD (uniform)', color: '#222222', dash: 'solid' });
    assert.deepEqual(methodStyle('is'), { label: 'IS (ours)', color: '#d55e00', dash: 'solid' });
    assert.deepEqual(methodStyle('as'), { label: 'AS (ours)', color: '#0072b2', dash: 'solid' });
    assert.equal(methodStyle('exact').label, 'Exact GD');
    assert.equal(methodStyle('omis-j4').label, 'OMIS (J = 4)');
    assert.equal(methodStyle('rais').label, 'RAIS-lite', 'METHODS.md: RAIS-lite is labelled as such');
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
