import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import { escapeHtml } from '../../figures/gallery-html.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import {
  byLabel,
  diffText,
  dynamicBatchRuns,
  emaisComparisonRuns,
  emaisComparisonSettings,
  emaisFinals,
  LINEAR,
  mean,
  oneSeedNote,
  type EmaisFinals,
} from './comparison.js';
import { emaisBaselineRuns, pctCi } from './fmnist.js';

/**
 * The computed statement of [EMAIS] Table 2's caption: EMAIS Linear-τ's rank by mean final test error among the
 * Table 2 methods, and its paired differences (over seeds, 95% t-interval, in points) to SGD-Scan and SGD-Uni.
 * The paper: EMAIS is the best (bold) FMNIST method at every budget.
 * @param finals the Table 2 methods' finals, including 'EMAIS Linear-τ', 'SGD-Scan' and 'SGD-Uni'.
 * @example
 * table2Statement([{ label: 'EMAIS Linear-τ', errors: [0.1] }, { label: 'SGD-Scan', errors: [0.2] }, ...]);
 */
export function table2Statement(finals: readonly EmaisFinals[]): string {
  const emais = byLabel(finals, LINEAR);
  const ranked = [...finals].sort((a, b) => mean(a.errors) - mean(b.errors));
  const rank = ranked.findIndex((f) => f.label === emais.label) + 1;
  const d = ['SGD-Scan', 'SGD-Uni'].map((l) => diffText(emais, byLabel(finals, l)));
  const before = ranked
    .slice(0, rank - 1)
    .map((f) => `${f.label} ${pctCi(f.errors)} %`)
    .join(', ');
  const verdict =
    rank === 1
      ? 'Agrees with [EMAIS] Table 2: EMAIS has the lowest mean test error'
      : `Differs from [EMAIS] Table 2 (EMAIS best): EMAIS ranks ${rank} of ${finals.length} by mean, after ${before}`;
  return (
    `${verdict}; EMAIS ${pctCi(emais.errors)} %; paired differences ${d.map((x) => x.text).join(', ')}` +
    `${d.every((x) => x.sign < 0) ? ' (both below 0, as in the paper)' : ''}.${oneSeedNote(emais.errors.length)}`
  );
}

const settings = {
  ...commonSettings,
  epochs: emaisComparisonSettings.epochs,
  taus: emaisComparisonSettings.taus,
} as const satisfies OptionSpecs;

/**
 * [EMAIS] Table 2 (METHODS §7.3) on fmnist-lenet: final test error (mean ± 95% t over seeds) of the Table 2
 * methods and EMAIS Linear-τ, with the fixed-τ runs of Fig. 1 and the dynamic-batch run of Fig. 2 as extra rows;
 * the verdict ranks EMAIS among the Table 2 methods.
 */
export const emaisTable2: FigureSpec<typeof settings> = {
  id: 'emais/table2',
  title: '[EMAIS] Table 2: final test error (%) on fmnist-lenet',
  paper: '[EMAIS] Table 2',
  requires: [fashionMnistRequirement],
  settings,
  plan: (s) => ({
    runs: emaisComparisonRuns('emais/table2', s, { baselines: true, taus: true }),
    dependents: dynamicBatchRuns(s),
  }),
  make: ({ runs }, s) => {
    const finals = emaisFinals(runs);
    const rows = finals
      .map((f) => {
        const text = f.errors.length === 0 ? '—' : pctCi(f.errors);
        return `<tr><td>${escapeHtml(f.label)}</td><td>${escapeHtml(text)}</td></tr>`;
      })
      .join('\n');
    const table2 = new Set([...emaisBaselineRuns.map(([l]) => l), LINEAR]);
    const title = '[EMAIS] Table 2: final test error (%) on fmnist-lenet';
    const html =
      `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n<h1>${escapeHtml(title)}</h1>\n` +
      `<table border="1" cellpadding="4"><tr><th>method</th><th>test error % (mean ± 95% t over seeds, n)</th></tr>\n` +
      `${rows}\n</table>\n`;
    return [
      {
        file: 'emais-table2',
        title,
        caption:
          `Mean ± 95% t-interval over seeds of the test error at the end of training, ${s.scale} scale, seeds ` +
          `${s.seeds.join(', ')}. ${table2Statement(finals.filter((f) => table2.has(f.label)))}`,
        html,
      },
    ];
  },
};
