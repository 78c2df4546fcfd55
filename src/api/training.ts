/**
 * isgrad `training`: Training pieces: config defaults, optimizers, schedules, evaluation, methods and run records.
 * Reached as `import { training } from 'isgrad'`, then `training.name`.
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
