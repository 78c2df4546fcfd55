/**
 * Smoke check of "every baseline runs on every classification task without special cases in the
 * trainer": trains each baseline method on each given task through the ordinary trainer and prints a Markdown
 * table (final test error, steps, seconds). Usage:
 *   node --import tsx scripts/baselines-all-tasks.ts [--tasks pointcloud,fmnist-lenet] [--epochs 2]
 */
import '../src/builtins.js'; // registers the built-in tasks, samplers and methods
import { parseArgs } from 'node:util';
import { baselineMethodNames } from '../src/methods/baselines.js';
import { getTask, taskNames } from '../src/tasks/registry.js';
import { getMethod } from '../src/methods/method-spec.js';
import { train } from '../src/train/train.js';

const { values } = parseArgs({
  options: { tasks: { type: 'string' }, epochs: { type: 'string' } },
  strict: true,
});
const epochs = Number(values.epochs ?? 2);
const tasks = values.tasks ? values.tasks.split(',') : taskNames();
console.log(`| task | method | test error | steps | seconds |`);
console.log(`| --- | --- | --- | --- | --- |`);
for (const task of tasks) {
  const instance = await getTask(task).create({ dataSeed: 0, scale: 'quick' });
  if (!instance.loss.classification) continue;
  for (const method of baselineMethodNames) {
    // Warm-up epochs shortened to 1 where a method has them, so the main phase runs within `epochs`.
    const warm: Record<string, number> =
      getMethod(method).options?.warmupEpochs !== undefined ? { warmupEpochs: 1 } : {};
    const r = await train({ task, method, epochs, seed: 1, methodOptions: warm });
    const err = r.final.testError === undefined ? 'n/a' : r.final.testError.toFixed(4);
    console.log(`| ${task} | ${method} | ${err} | ${r.totalSteps} | ${r.wallSeconds.toFixed(1)} |`);
  }
}
