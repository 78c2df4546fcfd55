import { escapeHtml } from '../figures/gallery-html.js';
import { methodStyle } from '../figures/method-style.js';
import { studentTQuantile } from '../stats/student-t.js';
import {
  alignAtBudget,
  referenceBudget,
  summarizeAtBudget,
  timeSplitTable,
  type BudgetAxis,
  type CompareRun,
} from './compare.js';

const fmt = (v: number, digits = 4) => (Number.isFinite(v) ? v.toPrecision(digits) : '–');

/** Half-width of the 95% Student-t interval of a mean from its sample std and n (NaN for n < 2). */
const half95 = (std: number, n: number) =>
  n < 2 ? NaN : (studentTQuantile(0.975, n - 1) * std) / Math.sqrt(n);

/**
 * A self-contained HTML page with the comparison's tables (fair to methods of unequal cost per step): each metric at equal epochs, equal
 * wall-clock, equal backward passes and equal forward examples seen — every budget is the reference method's
 * total (`referenceBudget`), each run read at its last evaluation within it (`alignAtBudget`), mean ± the
 * half-width of the 95% Student-t interval over seeds ('–' for one seed) — and the per-step time split with seconds per epoch (`timeSplitTable`).
 * @param title page title.
 * @param runs the comparison's runs (see `CompareRun`).
 * @param metrics evaluation columns to tabulate, e.g. ['testError', 'testLoss'].
 * @param reference method whose totals set the budgets, e.g. 'uniform'.
 * @returns the HTML text.
 * @example
 * writeFileSync('figures/tables.html', budgetTablesHtml('MNIST', runs, ['testError'], 'uniform'));
 */
export function budgetTablesHtml(
  title: string,
  runs: CompareRun[],
  metrics: readonly string[],
  reference: string,
): string {
  const axes: { axis: BudgetAxis; label: string }[] = [
    { axis: 'epoch', label: 'equal epochs' },
    { axis: 'trainCpuSeconds', label: `equal CPU time (${reference}'s training CPU time)` },
    { axis: 'backwardPasses', label: `equal backward passes (${reference}'s)` },
    { axis: 'examplesSeen', label: `equal examples seen, forward (${reference}'s)` },
  ];
  const methods = [...new Set(runs.map((r) => r.method))];
  let body = '';
  for (const { axis, label } of axes) {
    const budget = referenceBudget(runs, axis, reference);
    const sum = summarizeAtBudget(alignAtBudget(runs, { axis, budgets: [budget] }), metrics);
    body += `<h2>${escapeHtml(label)}: budget ${escapeHtml(fmt(budget))} (${escapeHtml(axis)})</h2>\n<table><tr><th>method</th>`;
    body += metrics.map((m) => `<th>${escapeHtml(m)} (mean ± 95% t half-width, n)</th>`).join('') + '</tr>\n';
    for (const m of methods) {
      body += `<tr><td>${escapeHtml(methodStyle(m).label)}</td>`;
      for (const metric of metrics) {
        const s = sum.find((r) => r.method === m && r.metric === metric);
        body += `<td>${s === undefined ? '–' : `${fmt(s.mean)} ± ${fmt(half95(s.std, s.n), 2)} (${s.n})`}</td>`;
      }
      body += '</tr>\n';
    }
    body += '</table>\n';
  }
  body +=
    '<h2>Time split per step (ms, mean over all steps and seeds)</h2>\n<table><tr><th>method</th><th>scoring</th>' +
    '<th>sampling</th><th>gathering</th><th>forward+backward+update</th><th>importance update</th><th>total</th>' +
    '<th>s / epoch</th><th>forward examples / step</th></tr>\n';
  for (const r of timeSplitTable(runs)) {
    const cells = [r.msScore, r.msSample, r.msGather, r.msForwardBackward, r.msImportance, r.msTotal].map(
      (v) => fmt(v, 3),
    );
    body += `<tr><td>${escapeHtml(methodStyle(r.method).label)}</td>${cells.map((c) => `<td>${c}</td>`).join('')}`;
    body += `<td>${fmt(r.secondsPerEpoch, 3)}</td><td>${fmt(r.examplesPerStep, 4)}</td></tr>\n`;
  }
  body += '</table>\n';
  return (
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>` +
    'body{font-family:Arial,Helvetica,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}' +
    'td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}td:first-child{text-align:left}</style></head>' +
    `<body><h1>${escapeHtml(title)}</h1>\n${body}</body></html>\n`
  );
}
