// Your own data set as a task: "rare blobs", three Gaussian classes in the plane with 85% / 12% / 3% of the
// samples, and a small MLP. `08-your-own-data.ipynb` loads this module with useModule, so the task is
// registered in the kernel and in every sweep worker. Edit it, restart the kernel: the run keys include this
// code's source, so the edited task trains again instead of loading old runs.
import { createRng, registerTask, losses, models, type Dataset, type TaskSpec } from 'isgrad';

const data = { n: 2000, nTest: 2000, shares: [0.85, 0.12, 0.03], centres: [[0, 0], [1.6, 0.4], [0.5, 1.5]], sd: 0.6 };
const model = { inputSize: 2, hidden: [32, 32], outputSize: 3, activation: 'relu' as const };

/** n points: class c with probability shares[c], x ~ N(centres[c], sd² I). */
function rareBlobs(n: number, seed: number, name: string): Dataset {
  const rng = createRng(seed);
  const x = new Float32Array(2 * n); // (n, 2)
  const y = new Int32Array(n); // (n)
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const c = u < data.shares[0] ? 0 : u < data.shares[0] + data.shares[1] ? 1 : 2;
    y[i] = c;
    x[2 * i] = data.centres[c][0] + data.sd * rng.normal();
    x[2 * i + 1] = data.centres[c][1] + data.sd * rng.normal();
  }
  return { name, n, xShape: [2], x, yShape: [], y, numClasses: 3 };
}

export const rareBlobsTask: TaskSpec = {
  name: 'rare-blobs',
  description: 'imbalanced 3-class blobs in 2-D (85/12/3%), MLP 2-32-32-3',
  defaults: { epochs: 6, batchSize: 32, lr: 0.01, optimizer: 'adam' },
  fingerprint: { data, model },
  async create({ dataSeed }) {
    return {
      name: 'rare-blobs',
      train: rareBlobs(data.n, 2 * dataSeed, 'rare-blobs/train'),
      test: rareBlobs(data.nTest, 2 * dataSeed + 1, 'rare-blobs/test'),
      loss: losses.softmaxCrossEntropy,
      createModel: (rng) => models.createMlp(model, rng),
    };
  },
};

registerTask(rareBlobsTask, { override: true });
