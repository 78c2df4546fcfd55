import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { from } from 'arquero';
import { resolveFigureSettings, type LoadedRun } from '../../../src/experiments/figure-spec.js';
import { emaisBaselineRuns, emaisRunOptions } from '../../../src/papers/emais/fmnist.js';
import { emaisTable5Cpu, table5Html, table5Runs } from '../../../src/papers/emais/table5-cpu.js';

const resolve = (set: Record<string, unknown>) =>
  resolveFigureSettings(emaisTable5Cpu, {}, set).settings as never;
const plan = (set: Record<string, unknown>) => emaisTable5Cpu.plan(resolve(set));

describe('emais/table5-cpu settings and plan', () => {
  it("at the default settings: the EMAIS part's baselines and Linear-τ run for every seed", () => {
    assert.deepEqual(
      table5Runs.map(([, m]) => m),
      [...emaisBaselineRuns.map(([, m]) => m), 'emais'],
    );
    for (const scale of ['quick', 'full'] as const) {
      assert.deepEqual(
        plan({ scale }).runs.map((r) => r.options),
        table5Runs.flatMap(([, method]) =>
          [1, 2, 3].map((seed) => emaisRunOptions({ scale }, { method }, seed)),
        ),
      );
    }
  });

  it('a changed epochs setting changes only the epochs of every run (also 1: no warm-up is read)', () => {
    assert.deepEqual(
      plan({ epochs: 1 }).runs.map((r) => r.options),
      plan({}).runs.map((r) => ({ ...r.options, epochs: 1 })),
    );
    assert.throws(
      () => plan({ epochs: -2 }),
      /figure emais\/table5-cpu: setting epochs must be an integer ≥ 0/,
    );
    assert.throws(() => resolve({ smooth: 3 }), /figure emais\/table5-cpu: unknown setting 'smooth'/);
  });
});

describe('emais/table5-cpu make', () => {
  it('ratios to SGD-Scan per method; the verdict: is only Presampling-IS slower? (hand-worked)', async () => {
    const ms = (label: string) => (label === 'Presampling-IS' ? 6 : label === 'SGD-Scan' ? 2 : 3);
    const runs = plan({ seeds: [1, 2] }).runs.map((r) => {
      const label = r.tags?.label as string;
      const steps = [0, 1].map((step) => ({ step, msCpu: ms(label) }));
      return { steps: from(steps), evals: from([]), tags: r.tags } as unknown as LoadedRun;
    });
    const [out] = await emaisTable5Cpu.make(
      { runs, computed: [], log: () => {}, results: '' },
      resolve({ seeds: [1, 2] }),
    );
    assert.equal(out.file, 'emais-table5');
    assert.match(out.caption, /seeds 1, 2\)/);
    assert.match(out.caption, /Presampling-IS costs 3\.00× SGD-Scan; the other methods 1\.00–1\.50×\./);
    assert.match(out.caption, /Agrees with \[EMAIS\] Table 5/);
    assert.match(
      out.html ?? '',
      /<tr><td>Presampling-IS<\/td><td>6\.00 ± 0\.00 \(n = 4\)<\/td><td>3\.00<\/td><\/tr>/,
    );
  });

  it('table5Html: one row per method, the ratio to the first row, escaped labels', () => {
    const html = table5Html('T <5>', [
      { label: 'SGD-Scan', cpu: [2, 2] },
      { label: 'A&B', cpu: [5, 5] },
    ]);
    assert.match(html, /<title>T &lt;5&gt;<\/title>/);
    assert.match(html, /<tr><td>A&amp;B<\/td><td>5\.00 ± 0\.00 \(n = 2\)<\/td><td>2\.50<\/td><\/tr>/);
  });
});
