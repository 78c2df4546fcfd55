/**
 * Sensitivity of the poly6 ordering of [MIS] Fig. 2 (exact GD, SGD, IS, balance MIS, OMIS J = 2, 4) to the
 * memory blend α_q and the OMIS momentum β. Run: `node --import tsx scripts/omis-sensitivity.ts [task]` with task
 * 'poly6' (default) or 'poly6-monomial' (≈ 4 min each on cpu). Prints the final excess loss, mean over seeds 1–5 at
 * the task's defaults (B = 32, 10 epochs, its η), first at the kit's defaults, then a Markdown table over α_q and
 * β. Methods that do not use β are repeated per row for reading convenience. docs/guide.md summarises the output.
 */
import '../src/builtins.js';
import { train } from '../src/train/train.js';
import type { TrainConfig } from '../src/train/config.js';

const seeds = [1, 2, 3, 4, 5];
const task = process.argv[2] ?? 'poly6'; // or 'poly6-monomial' (the optimisation-limited regime)
const backend = (process.env.ISGRAD_BACKEND ?? 'cpu') as TrainConfig['backend'];

async function meanExcess(options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>): Promise<number> {
  let s = 0;
  for (const seed of seeds) s += (await train({ task, seed, backend, ...options })).final.excessLoss!;
  return s / seeds.length;
}

const exact = await meanExcess({ method: 'exact' });
const sgd = await meanExcess({ method: 'uniform-replace' });
const scan = await meanExcess({ method: 'uniform' });
console.log(`task ${task}`);
console.log(
  `exact GD: ${exact.toExponential(2)}; SGD-Uni (with replacement): ${sgd.toExponential(2)}; ` +
    `SGD-Scan: ${scan.toExponential(2)}`,
);
const defaults = [
  ['IS', { method: 'is' }],
  ["IS with the paper's output-gradient score |u|", { method: 'is', importance: 'output-grad' }],
  ['balance MIS J=4', { method: 'mis-bh', methodOptions: { J: 4 } }],
  ['OMIS J=2', { method: 'omis', methodOptions: { J: 2 } }],
  ['OMIS J=4', { method: 'omis', methodOptions: { J: 4 } }],
] as const;
for (const [label, options] of defaults)
  console.log(`defaults (α_q = 0.1, β = 0.7): ${label}: ${(await meanExcess(options)).toExponential(2)}`);
console.log('');
console.log('| α_q | β | IS | balance MIS (J=4) | OMIS J=2 | OMIS J=4 | OMIS J=4 ÷ IS | OMIS J=4 ÷ exact |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const alpha of [0, 0.5]) {
  const is = await meanExcess({ method: 'is', methodOptions: { alpha } });
  const bh = await meanExcess({ method: 'mis-bh', methodOptions: { J: 4, alpha } });
  for (const beta of [0, 0.7, 0.9]) {
    const o2 = await meanExcess({ method: 'omis', methodOptions: { J: 2, beta, alpha } });
    const o4 = await meanExcess({ method: 'omis', methodOptions: { J: 4, beta, alpha } });
    const cells = [is, bh, o2, o4].map((v) => v.toExponential(2));
    console.log(
      `| ${alpha} | ${beta} | ${cells.join(' | ')} | ${(o4 / is).toFixed(2)} | ${(o4 / exact).toExponential(2)} |`,
    );
  }
}
