import * as tf from '@tensorflow/tfjs';
import { toy2dLabel } from '../../data/toy2d.js';
import { heatmapFigure } from '../../figures/heatmap-figure.js';
import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import '../../builtins.js';
import { createTrainer } from '../../train/trainer.js';

const settings = commonSettings;

/**
 * [MIS] Fig. 1: toy2d ground truth with data, ‖u‖ importance and the per-node pmfs |u_c| over the plane, after a
 * short uniform run trained in this process (first seed): an illustration, not a comparison.
 */
export const misFig1Toy2d: FigureSpec<typeof settings> = {
  id: 'mis/fig1-toy2d',
  title: '[MIS] Fig. 1: toy2d importance distributions',
  paper: '[MIS] Fig. 1',
  settings,
  plan: () => ({ runs: [] }),
  make: async (_input, s) => {
    const seed = s.seeds[0] ?? 1;
    const t = await createTrainer({
      task: 'toy2d',
      method: 'uniform',
      seed,
      scale: s.scale,
    });
    while (!t.done) t.runStep();
    const G = 60; // grid resolution per axis
    const axis = Float64Array.from({ length: G }, (_, i) => -1 + (2 * (i + 0.5)) / G);
    const xs = new Float32Array(G * G * 2); // (G², 2) row r = x1, col c = x0
    const labels = new Int32Array(G * G);
    for (let r = 0; r < G; r++) {
      for (let c = 0; c < G; c++) {
        xs[(r * G + c) * 2] = axis[c];
        xs[(r * G + c) * 2 + 1] = axis[r];
        labels[r * G + c] = toy2dLabel(axis[c], axis[r]);
      }
    }
    const u = tf.tidy(() => {
      const { output } = t.model.apply(tf.tensor2d(xs, [G * G, 2]), false); // (G², 3)
      return t.task.loss.outputGrad!(output, tf.tensor1d(labels, 'int32')); // (G², 3): s − e_y (METHODS §2.2)
    });
    const uv = u.dataSync() as Float32Array;
    u.dispose();
    const pmf = (f: (i: number) => number) => {
      const v = Float64Array.from({ length: G * G }, (_, i) => f(i));
      const total = v.reduce((a, b) => a + b, 0);
      return v.map((x) => x / total);
    };
    const norm = pmf((i) => Math.hypot(uv[i * 3], uv[i * 3 + 1], uv[i * 3 + 2]));
    const nodes = [0, 1, 2].map((k) => pmf((i) => Math.abs(uv[i * 3 + k])));
    const train = t.task.train;
    const palette = ['#1f77b4', '#ff7f0e', '#2ca02c'];
    const points = {
      x: Float64Array.from({ length: train.n }, (_, i) => train.x[i * 2]),
      y: Float64Array.from({ length: train.n }, (_, i) => train.x[i * 2 + 1]),
      color: Array.from(train.y as Int32Array, (c) => palette[c]),
    };
    t.dispose();
    const fig = heatmapFigure(
      [
        { title: '(b) ground truth + data', z: labels, x: axis, y: axis, colorscale: 'Greys', points },
        { title: '(c) output-gradient norm ‖u‖', z: norm, x: axis, y: axis },
        ...nodes.map((z, k) => ({ title: `(d) node ${k}: |u_${k}|`, z, x: axis, y: axis })),
      ],
      { title: '[MIS] Fig. 1: importance over the input plane (toy2d, trained MLP)', columns: 3 },
    );
    return [
      {
        file: 'mis-fig1-toy2d',
        title: '[MIS] Fig. 1: toy2d importance distributions',
        caption:
          'Ground-truth classes with the training data, the output-gradient-norm pmf and the three per-output-node pmfs ' +
          '|∂ℓ/∂m_c| (each normalised over the grid; label = ground truth at the grid point), after uniform training. ' +
          `An illustration of one run (seed ${seed}), not a comparison: like [MIS] Fig. 1, the norm ` +
          'and each node pmf concentrate on the class boundaries (the node pmfs each on the boundaries of their class).',
        figure: fig,
      },
    ];
  },
};
