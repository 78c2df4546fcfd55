/** The host arrays of an `Observation` that a sampler's `observe` is fed. */
export interface ObservedArrays {
  /** Batch indices i_b (B), to name the sample in messages. */
  indices: ArrayLike<number>;
  /** Importance scores φ(i_b) (B): finite and ≥ 0. */
  scores?: ArrayLike<number>;
  /** Per-sample losses ℓ_b (B): finite. */
  losses?: ArrayLike<number>;
  /** Outputs m_b (B × C), row-major: finite. */
  output?: ArrayLike<number>;
  /** Output gradients u_b = ∂ℓ_b/∂m_b (B × C), row-major: finite. */
  outputGrad?: ArrayLike<number>;
}

/** Fields checked, with what each must be; scores are importances, so they must also be ≥ 0. */
const FIELDS = [
  ['scores', 'importance score', 'importance scores must be finite and ≥ 0'],
  ['losses', 'loss', 'losses must be finite'],
  ['output', 'output', 'outputs must be finite'],
  ['outputGrad', 'output gradient', 'output gradients must be finite'],
] as const;

/**
 * The one check every sampler runs first in `observe` (and on what `DrawContext.evaluate` returns): every score, loss, output and output
 * gradient it is fed is finite (scores also ≥ 0). A NaN must not reach a sampler's state, where it turns a memory
 * weight, a moving statistic or DLIS's τ_vr into NaN and silently changes the draws; the trainer stops a run whose
 * minibatch loss is non-finite, and this catches what a sampler is handed directly or through a custom loop.
 * Cost: one pass over the arrays, O(B·C).
 * @param who the sampler's name, the start of the message.
 * @param obs the arrays; absent ones are skipped. `indices` names the sample of a bad row.
 * @param source what handed the arrays in, the start of each array's name in messages. Default 'observe(): obs';
 *   e.g. 'presample: evaluate()' for the values a sampler gets from `DrawContext.evaluate` (DLIS, OBS).
 * @throws RangeError `<who>: observe(): obs.scores[1]: importance score of sample index 7 (batch position 1) is
 *   NaN; importance scores must be finite and ≥ 0. A NaN/Infinity usually means the model diverged: try lowering
 *   the learning rate.`
 * @example
 * checkObservation('is', { indices: Int32Array.of(4, 7), losses: Float32Array.of(0.3, 0.2) }); // ok
 * checkObservation('is', { indices: Int32Array.of(4, 7), scores: Float32Array.of(1, NaN) }); // throws RangeError
 */
export function checkObservation(who: string, obs: ObservedArrays, source = 'observe(): obs'): void {
  const B = obs.indices.length;
  for (const [field, what, rule] of FIELDS) {
    const v = obs[field];
    if (v === undefined) continue;
    const nonNegative = field === 'scores';
    for (let k = 0; k < v.length; k++) {
      const s = v[k];
      // s − s is 0 for finite s and NaN for ±Infinity and NaN; one comparison per value.
      if (s - s === 0 && (!nonNegative || s >= 0)) continue;
      const width = B > 0 ? Math.max(1, Math.round(v.length / B)) : 1;
      const row = Math.floor(k / width); // batch position of value k (rows of B × C arrays hold C values)
      throw new RangeError(
        `${who}: ${source}.${field}[${k}]: ${what} of sample index ${obs.indices[row]} (batch position ` +
          `${row}) is ${s}; ${rule}` +
          (s - s === 0
            ? ''
            : '. A NaN/Infinity usually means the model diverged: try lowering the learning rate.'),
      );
    }
  }
}
