/**
 * Sensitivity of the poly6 ordering (IS vs uniform) to the learning rate and the noise model.
 * Run: `node --import tsx scripts/poly6-sensitivity.ts` (≈ 2 min on wasm). Prints a Markdown table of the final
 * excess loss averaged over seeds 1–3 for SGD-Scan ('uniform'), SGD-Uni ('uniform-replace'), IS and AS.
 */
import '../src/builtins.js'; // registers the built-in tasks, samplers and methods
import { createPoly6Task, poly6Data } from '../src/tasks/poly6.js';
import { registerTask } from '../src/tasks/registry.js';
import { train } from '../src/train/train.js';

const noiseModels = {
  'default (2% outliers ×30)': {},
  'Gaussian only': { outlierFraction: 0 },
};
const methods = ['uniform', 'uniform-replace', 'is', 'as'];
const lrs = [0.01, 0.02, 0.05, 0.1];
console.log(`| noise | lr | ${methods.join(' | ')} | IS ÷ uniform |`);
console.log(`| --- | --- | ${methods.map(() => '---').join(' | ')} | --- |`);
for (const [label, extra] of Object.entries(noiseModels)) {
  registerTask(createPoly6Task({ ...poly6Data, ...extra }, 'poly6-sens'), { override: true });
  for (const lr of lrs) {
    const mean: Record<string, number> = {};
    for (const method of methods) {
      let s = 0;
      for (const seed of [1, 2, 3])
        s += (await train({ task: 'poly6-sens', method, seed, lr })).final.excessLoss!;
      mean[method] = s / 3;
    }
    const cells = methods.map((m) => mean[m].toExponential(2));
    console.log(`| ${label} | ${lr} | ${cells.join(' | ')} | ${(mean.is / mean.uniform).toFixed(2)} |`);
  }
}
