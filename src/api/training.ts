/**
 * The `training` namespace of `isgrad`: the pieces of training: config defaults and resolution, optimizers,
 * schedules, evaluation, run records (`train` and `createTrainer` are at the top level). Import the
 * namespace and call through it: `import { training } from 'isgrad'`, then `training.<name>`; types are at
 * the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { trainDefaults } from '../train/config.js';
export { evaluate } from '../train/evaluate.js';
export {
  sgdDefaults,
  adamDefaults,
  createSgd,
  createAdam,
  OPTIMIZERS,
  createOptimizer,
} from '../train/optimizer.js';
export { SCHEDULES, scheduleDefaults, learningRateAt } from '../train/schedule.js';
export { resolveConfig } from '../train/resolve-config.js';
export { writeRunRecords } from '../records/write-run-records.js';
