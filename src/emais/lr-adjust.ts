/** How the learning rate follows the effective minibatch size ([EMAIS] Eq. 8, METHODS §5.6). */
export type LrAdjustMode = 'linear' | 'sqrt' | 'off';

/** Allowed {@link LrAdjustMode} values. */
export const LR_ADJUST_MODES: readonly LrAdjustMode[] = Object.freeze(['linear', 'sqrt', 'off']);

/**
 * Factor on the scheduled learning rate, η̃_t = η_t · factor ([EMAIS] Eq. 8, METHODS §5.6): 'linear' (SGD)
 * B_eff/B, 'sqrt' (Adam) sqrt(B_eff/B), 'off' 1.
 *
 * @param bEff effective minibatch size B_eff > 0 ([EMAIS] Eq. 7).
 * @param B minibatch size > 0.
 * @param mode 'linear' | 'sqrt' | 'off'.
 * @example
 * lrAdjust(512, 128, 'sqrt'); // 2
 */
export function lrAdjust(bEff: number, B: number, mode: LrAdjustMode): number {
  if (!LR_ADJUST_MODES.includes(mode)) {
    throw new Error(`lrAdjust: mode must be one of ${LR_ADJUST_MODES.join(', ')}, got '${String(mode)}'`);
  }
  if (!Number.isFinite(bEff) || bEff <= 0) {
    throw new RangeError(`lrAdjust: bEff must be finite and > 0, got ${bEff}`);
  }
  if (!Number.isFinite(B) || B <= 0) throw new RangeError(`lrAdjust: B must be finite and > 0, got ${B}`);
  if (mode === 'off') return 1;
  return mode === 'linear' ? bEff / B : Math.sqrt(bEff / B); // [EMAIS] Eq. 8 (SGD) / METHODS §5.6 (Adam)
}
