import { escapeHtml } from '../../figures/gallery-html.js';
import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { emaisBaselineRuns, emaisEpochsRunOptions, emaisEpochsSetting } from './fmnist.js';

/** Runs of Table 5 (label, method): the EMAIS part's baselines and its Linear-τ run, in table order. */
export const table5Runs: readonly (readonly [string, string])[] = [
  ...emaisBaselineRuns,
  ['EMAIS Linear-τ', 'emais'],
];

const settings = { ...commonSettings, epochs: emaisEpochsSetting } as const satisfies OptionSpecs;

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/**
 * The Table 5 page: one row per method with the CPU ms per step (mean ± 95% t over steps, n) and its ratio
 * to the first row's mean (SGD-Scan).
 * @example
 * table5Html('[EMAIS] Table 5', [{ label: 'SGD-Scan', cpu: [2, 2.2] }, { label: 'IS', cpu: [3, 3.1] }]);
 */
export function table5Html(
  title: string,
  rows: readonly { label: string; cpu: readonly number[] }[],
): string {
  const scan = mean(rows[0].cpu);
  const body = rows
    .map((t) => {
      const c = meanCi([...t.cpu]);
      return (
        `<tr><td>${escapeHtml(t.label)}</td><td>${escapeHtml(formatMeanCi(c, 3))}</td>` +
        `<td>${(c.mean / scan).toFixed(2)}</td></tr>`
      );
    })
    .join('\n');
  return (
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n` +
    `<h1>${escapeHtml(title)}</h1>\n<table border="1" cellpadding="4"><tr><th>method</th>` +
    `<th>CPU ms per step (mean ± 95% t over steps, n)</th><th>ratio to SGD-Scan</th></tr>\n` +
    `${body}\n</table>\n`
  );
}

/**
 * [EMAIS] Table 5 on fmnist-lenet (METHODS §7.3): process CPU ms per training step (step records' `msCpu`)
 * per method, over all steps of the EMAIS part's runs (its baselines and Linear-τ: loaded, not retrained), as
 * a table page with the ratio to SGD-Scan.
 */
export const emaisTable5Cpu: FigureSpec<typeof settings> = {
  id: 'emais/table5-cpu',
  title: '[EMAIS] Table 5: CPU time per iteration per method (fmnist-lenet)',
  paper: '[EMAIS] Table 5',
  requires: [fashionMnistRequirement],
  settings,
  plan: (o) => ({
    runs: table5Runs.flatMap(([label, method]) =>
      o.seeds.map((seed) => ({ options: emaisEpochsRunOptions(o, { method }, seed), tags: { label, seed } })),
    ),
  }),
  make: ({ runs }, o) => {
    const t5 = table5Runs.map(([label]) => ({
      label,
      cpu: runs
        .filter((r) => r.tags.label === label)
        .flatMap((r) => (r.steps.array('msCpu') as number[]).filter(Number.isFinite)),
    }));
    const scan = mean(t5[0].cpu);
    const presampling = mean(t5.find((t) => t.label === 'Presampling-IS')?.cpu ?? []) / scan;
    const others = t5.filter((t) => t.label !== 'Presampling-IS').map((t) => mean(t.cpu) / scan);
    const title = '[EMAIS] Table 5: CPU time per iteration per method (fmnist-lenet)';
    return [
      {
        file: 'emais-table5',
        title,
        caption:
          `Process CPU ms per training step (\`msCpu\`: forward, backward, update, sampling and importance ` +
          `work; evaluations excluded), over all steps of the EMAIS part's runs (${o.scale} scale, seeds ` +
          `${o.seeds.join(', ')}); CPU time, not wall-clock, so the shared machine's load moves it little. ` +
          `Presampling-IS costs ${presampling.toFixed(2)}× SGD-Scan; the other methods ` +
          `${Math.min(...others).toFixed(2)}–${Math.max(...others).toFixed(2)}×. ` +
          (presampling > Math.max(...others)
            ? 'Agrees with [EMAIS] Table 5: only Presampling-IS is notably slower.'
            : 'Differs from [EMAIS] Table 5, where only Presampling-IS is notably slower.'),
        html: table5Html(title, t5),
      },
    ];
  },
};
