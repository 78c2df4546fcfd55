import * as tf from '@tensorflow/tfjs';
import { outputGrad } from '../importance/output-grad.js';
import { outputGradAutodiff } from '../importance/output-grad-autodiff.js';
import type { Loss } from '../losses/types.js';

/** How {@link outputGradRows} differentiates: the loss's closed form `outputGrad`, or autodiff of its head. */
export type OutputGradMethod = 'closed' | 'autodiff';

/**
 * The kit's per-sample output gradients u_b = ∂ℓ_b/∂m_b (METHODS §2.2–2.3) of plain-number logits and class ids,
 * read back as numbers: `'closed'` runs the loss's closed form (`outputGrad`, [AS-IS] App. A for softmax-CE),
 * `'autodiff'` runs `outputGradAutodiff` (reverse mode through the loss head). Runs on the active TF.js backend
 * in float32; no tensor outlives the call.
 * @param loss the loss (e.g. `softmaxCrossEntropy`).
 * @param m outputs (B rows of C numbers).
 * @param y class ids (B), integers in [0, C).
 * @param method 'closed' (default) or 'autodiff'.
 * @returns u (B rows of C numbers).
 * @example
 * outputGradRows(softmaxCrossEntropy, [[2, 0, 0]], [0]); // [[s0 − 1, s1, s2]] ≈ [[-0.2131, 0.1065, 0.1065]]
 */
export function outputGradRows(
  loss: Loss,
  m: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  method: OutputGradMethod = 'closed',
): number[][] {
  if (method !== 'closed' && method !== 'autodiff') {
    throw new RangeError(`outputGradRows: method must be 'closed' or 'autodiff', got '${String(method)}'`);
  }
  if (method === 'closed' && loss.outputGrad === undefined) {
    throw new RangeError(
      `outputGradRows: loss '${loss.name}' has no closed-form outputGrad; use method 'autodiff'`,
    );
  }
  const B = m.length;
  if (B < 1 || y.length !== B)
    throw new RangeError(`outputGradRows: need B ≥ 1 rows and B labels, got ${B}, ${y.length}`);
  const C = m[0].length;
  const flat = new Float32Array(B * C); // (B, C)
  for (let b = 0; b < B; b++) {
    if (m[b].length !== C)
      throw new RangeError(`outputGradRows: m[${b}] has ${m[b].length} entries, m[0] has ${C}`);
    for (let c = 0; c < C; c++) flat[b * C + c] = m[b][c];
  }
  const values = tf.tidy(() => {
    const mt = tf.tensor2d(flat, [B, C]); // (B, C)
    const yt = tf.tensor1d(Int32Array.from(y), 'int32'); // (B)
    const u = method === 'closed' ? outputGrad(loss, mt, yt) : outputGradAutodiff(loss, mt, yt); // (B, C)
    return u.dataSync().slice();
  });
  return Array.from({ length: B }, (_, b) => Array.from(values.subarray(b * C, (b + 1) * C)));
}
