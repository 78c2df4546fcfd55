import type { TaskSpec } from './types.js';
import { poly6MonomialTask, poly6Task } from './poly6.js';
import { toy2dTask } from './toy2d.js';
import { mnistMlpTask } from './mnist-mlp.js';
import { fmnistLenetTask } from './fmnist-lenet.js';
import { pointcloudModelNet40Task, pointcloudTask } from './pointcloud.js';
import { cifarResnetTask } from './cifar-resnet.js';
import { imageSirenTask } from './image-siren.js';
import { noiseLabelsTask } from './noise-labels.js';

const tasks = new Map<string, TaskSpec>();

/** Registers a task; a second registration of the same name is an error unless `override` is set. */
export function registerTask(spec: TaskSpec, { override = false } = {}): void {
  if (tasks.has(spec.name) && !override) {
    throw new Error(`task '${spec.name}' is already defined; pass { override: true } to replace it`);
  }
  tasks.set(spec.name, spec);
}

/** The task registered under `name`; unknown names are an error that lists the allowed ones. */
export function getTask(name: string): TaskSpec {
  const t = tasks.get(name);
  if (t === undefined) throw new Error(`unknown task '${name}'; allowed: ${taskNames().join(', ')}`);
  return t;
}

/** Registered task names, in registration order. */
export function taskNames(): string[] {
  return [...tasks.keys()];
}

for (const t of [
  poly6Task,
  poly6MonomialTask,
  toy2dTask,
  mnistMlpTask,
  fmnistLenetTask,
  imageSirenTask,
  noiseLabelsTask,
  pointcloudTask,
  pointcloudModelNet40Task,
  cifarResnetTask,
]) {
  registerTask(t);
}
