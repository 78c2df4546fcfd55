/**
 * Cyclic Jacobi rotations of a symmetric J × J matrix towards its diagonal (Golub & Van Loan, Matrix
 * Computations, §8.5): on return `a`'s diagonal holds the eigenvalues and, when `V` is given, its columns the
 * matching eigenvectors (V ← V·R for every rotation R).
 * @param a (J × J) row-major, symmetric; rotated in place.
 * @param J the order.
 * @param done called with the squared off-diagonal norm Σ_{p<q} a_pq² before each sweep; true stops. At most 100
 *   sweeps are made either way.
 * @param V optional (J × J) row-major, usually the identity; rotated in place.
 * @example
 * const a = Float64Array.of(2, 1, 1, 2);
 * jacobiRotate(a, 2, (off) => off < 1e-300); // a = [1, 0, 0, 3] up to round-off (or [3, 0, 0, 1])
 */
export function jacobiRotate(
  a: Float64Array,
  J: number,
  done: (offSq: number) => boolean,
  V?: Float64Array,
): void {
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < J; p++) for (let q = p + 1; q < J; q++) off += a[p * J + q] ** 2;
    if (done(off)) break;
    for (let p = 0; p < J; p++) {
      for (let q = p + 1; q < J; q++) {
        const apq = a[p * J + q];
        if (apq === 0) continue;
        const theta = (a[q * J + q] - a[p * J + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1)); // tan of the rotation
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < J; k++) {
          const akp = a[k * J + p];
          const akq = a[k * J + q];
          a[k * J + p] = cs * akp - sn * akq;
          a[k * J + q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < J; k++) {
          const apk = a[p * J + k];
          const aqk = a[q * J + k];
          a[p * J + k] = cs * apk - sn * aqk;
          a[q * J + k] = sn * apk + cs * aqk;
        }
        if (V === undefined) continue;
        for (let k = 0; k < J; k++) {
          const vkp = V[k * J + p];
          const vkq = V[k * J + q];
          V[k * J + p] = cs * vkp - sn * vkq;
          V[k * J + q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
}
