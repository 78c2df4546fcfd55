import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  importanceDistanceSummary,
  type ImportanceDistanceRow,
} from '../../src/experiments/importance-distance-figure.js';

/** Synthetic rows, 3 seeds, epochs 0..2: distances chosen so that the verdicts are known by construction. */
function rows(dlisBelowOursAt: number[]): ImportanceDistanceRow[] {
  const out: ImportanceDistanceRow[] = [];
  for (const seed of [1, 2, 3]) {
    for (const epoch of [0, 1, 2]) {
      const e = 0.001 * seed; // seed noise, same for every pmf
      const base: Record<string, number> = {
        'output-grad': 0.02 + e,
        loss: epoch === 1 ? 0.01 + e : 0.05 + e, // at epoch 1 the loss pmf is closer than ours
        uniform: 0.1 + e,
        'dlis-last-layer': dlisBelowOursAt.includes(epoch) ? 0.01 + e : 0.03 + e,
      };
      for (const [pmf, l2] of Object.entries(base)) {
        out.push({ run: 'uniform', seed, epoch, pmf, l2, spearman: pmf === 'uniform' ? null : 0.9 });
      }
      out.push({ run: 'is', seed, epoch, pmf: 'is-memory', l2: 0.07, spearman: 0.7 });
      out.push({ run: 'is', seed, epoch, pmf: 'loss', l2: 0.5, spearman: 0.5 }); // not plotted
    }
  }
  return out;
}

describe('importanceDistanceSummary', () => {
  it('lists the epochs where ours beats loss and uniform, and where the DLIS bound is closer still', () => {
    const s = importanceDistanceSummary(rows([2]), 'l2');
    assert.equal(s.last, 2);
    assert.deepEqual(s.epochs, [1, 2]);
    assert.deepEqual(s.oursBeatsLossAndUniform, [2]);
    assert.deepEqual(s.dlisCloser, [2]);
    // at epoch 2: output-grad values 0.021, 0.022, 0.023 → mean 0.022, half 4.303·0.001/√3 = 0.00248
    assert.match(s.text, /output-gradient norm \(ours, \[AS-IS\] Eq\. 5\) 0\.0220 ± 0\.00248 \(n = 3\)/);
    assert.match(s.text, /IS memory q \(α = 0\.1\), IS run 0\.0700 ± 0\.00 \(n = 3\)/);
    assert.ok(!/0\.500/.test(s.text), 'the IS run loss pmf is not plotted');
  });
  it('summarises Spearman ρ for the text, leaving out the uniform pmf (no ρ)', () => {
    const s = importanceDistanceSummary(rows([]), 'spearman');
    assert.deepEqual(s.dlisCloser, []);
    assert.ok(!/uniform \d/.test(s.text));
    assert.throws(() => importanceDistanceSummary([], 'l2'), /no rows/);
  });
});
