import { loadCifar } from '../data/cifar.js';
import { softmaxCrossEntropy } from '../losses/softmax-ce.js';
import { createResNetSmall, resNetSmallDefaults } from '../models/resnet-small.js';
import type { TaskScale, TaskSpec } from './types.js';

/** Options of {@link createCifarResnetTask}. */
export interface CifarResnetTaskOptions {
  /** 'cifar100' (default, [MIS] Fig. 4 / [AS-IS] Fig. 5) or 'cifar10' ([AS-IS] Fig. 3 left). */
  variant?: 'cifar10' | 'cifar100';
  /** Blocks per stage n of the ResNet (depth 6n + 2); default 3 (ResNet-20). */
  blocksPerStage?: number;
  /** CIFAR folder; default env ISGRAD_CIFAR_DIR (read when the task is created). */
  dir?: string;
  /** Images per scale (first nTrain / nTest of the files); default {@link cifarResnetSizes}. */
  sizes?: Record<TaskScale, { nTrain: number; nTest: number }>;
}

/** Defaults of {@link createCifarResnetTask}: CIFAR-100 with ResNet-20. */
export const cifarResnetTaskDefaults = {
  variant: 'cifar100',
  blocksPerStage: 3,
} as const satisfies CifarResnetTaskOptions;

/** Images per scale: 'quick' = the first 10,000 / 2,000, 'full' = 50,000 / 10,000. */
export const cifarResnetSizes = {
  quick: { nTrain: 10000, nTest: 2000 },
  full: { nTrain: 50000, nTest: 10000 },
} as const;

/**
 * Builds the CIFAR classification task of [MIS] Fig. 4 / [AS-IS] Fig. 5 (CIFAR-100) or [AS-IS] Fig. 3 (CIFAR-10)
 * with the [AS-IS] optimiser settings: SGD momentum 0.9, learning rate 0.01, batch 64, step schedule ÷10 at
 * epochs 100 and 200, 300 epochs. Model: {@link createResNetSmall} (a BN-free CIFAR ResNet-20 by default), not
 * the papers' ResNet-18. No augmentation (the papers use random flip + crop; the trainer has no augmentation
 * hook yet). Data from {@link loadCifar} (env ISGRAD_CIFAR_DIR). Not run in CI: too slow on the wasm/cpu
 * backends (ResNet-8 ≈ 0.8 s per step at B = 64 on wasm) and the data are not shipped.
 *
 * @param options `variant` ('cifar100'), `blocksPerStage` (3), `dir` (default env ISGRAD_CIFAR_DIR), `sizes`
 *   ({@link cifarResnetSizes}).
 * @returns a {@link TaskSpec} named 'cifar-resnet' (CIFAR-100) or 'cifar10-resnet'.
 * @example
 * registerTask(createCifarResnetTask({ variant: 'cifar10' }));
 * const t = await createTrainer({ task: 'cifar10-resnet', method: 'is', backend: 'tensorflow' });
 */
export function createCifarResnetTask(options: CifarResnetTaskOptions = {}): TaskSpec {
  const variant = options.variant ?? cifarResnetTaskDefaults.variant;
  const blocksPerStage = options.blocksPerStage ?? cifarResnetTaskDefaults.blocksPerStage;
  if (variant !== 'cifar10' && variant !== 'cifar100') {
    throw new Error(
      `createCifarResnetTask: variant must be one of cifar10, cifar100; got '${String(variant)}'`,
    );
  }
  const sizes = options.sizes ?? cifarResnetSizes;
  const name = variant === 'cifar100' ? 'cifar-resnet' : 'cifar10-resnet';
  const model = { blocksPerStage, widths: resNetSmallDefaults.widths };
  return {
    name,
    description: `${variant === 'cifar100' ? 'CIFAR-100' : 'CIFAR-10'} (ISGRAD_CIFAR_DIR), BN-free ResNet-${6 * blocksPerStage + 2}, SGD m=0.9 ([MIS] Fig. 4, [AS-IS] Fig. 3/5)`,
    defaults: {
      epochs: 300,
      batchSize: 64,
      lr: 0.01,
      optimizer: 'sgd',
      momentum: 0.9,
      schedule: 'step',
      milestones: [100, 200],
      gamma: 0.1,
    },
    fingerprint: { variant, label: 'fine', data: sizes, model },
    async create({ scale }: { dataSeed: number; scale: TaskScale }) {
      const { train, test } = loadCifar({
        dir: options.dir,
        variant,
        label: 'fine',
        ...sizes[scale],
      });
      const numClasses = train.numClasses ?? 0;
      return {
        name,
        train,
        test,
        loss: softmaxCrossEntropy,
        createModel: (rng) => createResNetSmall({ inputShape: [32, 32, 3], numClasses, ...model }, rng),
      };
    },
  };
}

/** `cifar-resnet`: CIFAR-100 with a BN-free ResNet-20 (see {@link createCifarResnetTask}). */
export const cifarResnetTask: TaskSpec = createCifarResnetTask();
