// Every row type the public API returns is a table for `table` with no cast. tsc --noEmit compiles this file (npm
// test): when a result type stops being displayable, a line below stops compiling; each @ts-expect-error line
// fails to compile if `table` started to accept what it must reject. At run time the same calls render.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ArmComparison,
  AblationConclusion,
  MeanCi,
  PairedDifference,
  experiments,
  figures,
  stats,
  sweep,
} from '../../src/index.js';
import { tableBundle, type TableLike } from '../../src/notebook/table.js';

/** Compiles only when `T` is accepted by `table`. */
type Displayable<T extends TableLike> = T;

// Each alias names one public result as `table` receives it.
export type Results = [
  Displayable<MeanCi[]>,
  Displayable<PairedDifference[]>,
  Displayable<ReturnType<typeof stats.pairedDifferences>>,
  Displayable<ReturnType<typeof stats.summarizeSeeds>>,
  Displayable<AblationConclusion['rows']>,
  Displayable<ReturnType<typeof sweep.ablationOverview>>,
  Displayable<ReturnType<typeof stats.tailMean>>,
  Displayable<ReturnType<typeof experiments.budgetRows>>,
  Displayable<ReturnType<typeof experiments.summarizeAtBudget>>,
  Displayable<ReturnType<typeof experiments.timeSplitTable>>,
  Displayable<ReturnType<typeof experiments.varianceSummary>>,
  Displayable<ReturnType<typeof experiments.compareArms>['arms']>,
  Displayable<ArmComparison['arms']>,
  Displayable<ReturnType<typeof figures.summarizeRuns>['groups']>,
  Displayable<ReturnType<typeof sweep.collectRuns>['runs']>,
];

describe('public result rows are tables', () => {
  it('renders a PairedDifference[] and rejects what is not a table (at compile time too)', () => {
    const d: PairedDifference[] = [
      {
        arm: 'is',
        pairs: [1, 2, 3],
        differences: [-1, -2, -3],
        n: 3,
        mean: -2,
        sd: 1,
        halfWidth: 2.484,
        lower: -4.484,
        upper: 0.484,
      },
    ];
    const text = tableBundle(d)['text/plain'] as string;
    assert.match(text, /-2 \[-4\.484, 0\.484\]/);
    assert.match(text, /1, 2, 3/);
    // @ts-expect-error a number is not a table
    assert.throws(() => tableBundle(42), /expected an arquero table/);
    // @ts-expect-error a single row is not a table (wrap it in an array)
    assert.throws(() => tableBundle(d[0]), /expected an arquero table/);
  });
});
