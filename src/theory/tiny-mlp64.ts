import { jacobiRotate } from '../mis/jacobi-eigen.js';
import type { Rng } from '../random/rng.js';
import { softmaxCe64 } from './softmax-ce64.js';

/**
 * A one-hidden-layer tanh network z = W2 tanh(W1 x + b1) + b2 with softmax cross-entropy, in float64, with the
 * per-sample parameter gradient g, the output gradient u and the Jacobian ∂z/∂θ written out, so the
 * output-gradient bound of [MIS] Eq. 4 / [AS-IS] Eq. 6 / [DLIS] can be checked sample by sample.
 *
 * Symbols: D inputs, H hidden units, C classes, θ = (W1 (H × D), b1 (H), W2 (C × H), b2 (C)) flattened in that
 * order (P = H·D + H + C·H + C), h = tanh(W1 x + b1), J = ∂z/∂θ (C × P).
 */
export interface TinyMlp64 {
  D: number;
  H: number;
  C: number;
  /** θ (P) in the order W1, b1, W2, b2 (row-major matrices). */
  theta: Float64Array;
}

/** Options of {@link initTinyMlp64}. */
export interface InitTinyMlp64Options {
  D: number;
  H: number;
  C: number;
  /** Seeded generator. */
  rng: Rng;
  /** Weight scale: W ~ N(0, scale² / fan-in), biases ~ N(0, 0.1²). Default 1. */
  scale?: number;
}

/**
 * A random {@link TinyMlp64}.
 * @param options `{ D, H, C, rng, scale = 1 }`, D, H, C integers ≥ 1.
 * @example
 * const net = initTinyMlp64({ D: 2, H: 8, C: 3, rng: createRng(0) }); // P = 16 + 8 + 24 + 3 = 51
 */
export function initTinyMlp64(options: InitTinyMlp64Options): TinyMlp64 {
  const { D, H, C, rng } = options;
  const scale = options.scale ?? 1;
  for (const [k, v] of [
    ['D', D],
    ['H', H],
    ['C', C],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`initTinyMlp64: ${k} must be an integer ≥ 1, got ${v}`);
  }
  if (!(scale >= 0 && Number.isFinite(scale)))
    throw new RangeError(`initTinyMlp64: scale must be finite ≥ 0, got ${scale}`);
  const theta = new Float64Array(H * D + H + C * H + C); // (P)
  let o = 0;
  for (let i = 0; i < H * D; i++) theta[o++] = (scale * rng.normal()) / Math.sqrt(D); // W1
  for (let i = 0; i < H; i++) theta[o++] = 0.1 * rng.normal(); // b1
  for (let i = 0; i < C * H; i++) theta[o++] = (scale * rng.normal()) / Math.sqrt(H); // W2
  for (let i = 0; i < C; i++) theta[o++] = 0.1 * rng.normal(); // b2
  return { D, H, C, theta };
}

/** Per-sample quantities of {@link tinyMlp64Sample}. */
export interface TinyMlp64Sample {
  /** Logits z (C). */
  z: Float64Array;
  /** ℓ = −log softmax(z)_y. */
  loss: number;
  /** u = ∂ℓ/∂z = s − e_y (C). */
  u: Float64Array;
  /** Hidden activations h (H). */
  h: Float64Array;
  /** g = ∂ℓ/∂θ = Jᵀ u (P). */
  g: Float64Array;
  /** ‖g‖. */
  gNorm: number;
  /** ‖u‖ (METHODS §2.2, the output-gradient importance). */
  uNorm: number;
  /** ‖J‖₂, the spectral norm of ∂z/∂θ: ‖g‖ ≤ ‖J‖₂ ‖u‖. */
  jacobianNorm: number;
  /** ‖∂ℓ/∂(W2, b2)‖ = ‖u‖ sqrt(‖h‖² + 1) (METHODS §2.4, the DLIS last-layer score): a lower bound of ‖g‖. */
  lastLayerNorm: number;
}

/** z (C) and h (H) of a network at input x. */
function forward(net: TinyMlp64, theta: ArrayLike<number>, x: ArrayLike<number>) {
  const { D, H, C } = net;
  const oB1 = H * D;
  const oW2 = oB1 + H;
  const oB2 = oW2 + C * H;
  const h = new Float64Array(H); // (H)
  for (let k = 0; k < H; k++) {
    let a = theta[oB1 + k];
    for (let d = 0; d < D; d++) a += theta[k * D + d] * x[d];
    h[k] = Math.tanh(a);
  }
  const z = new Float64Array(C); // (C)
  for (let c = 0; c < C; c++) {
    let a = theta[oB2 + c];
    for (let k = 0; k < H; k++) a += theta[oW2 + c * H + k] * h[k];
    z[c] = a;
  }
  return { h, z, oB1, oW2, oB2 };
}

/**
 * The loss of the network with parameters θ at one sample (for finite differences in tests and notebooks).
 * @example
 * tinyMlp64Loss(net, net.theta, [0.5, -1], 2);
 */
export function tinyMlp64Loss(
  net: TinyMlp64,
  theta: ArrayLike<number>,
  x: ArrayLike<number>,
  y: number,
): number {
  return softmaxCe64(forward(net, theta, x).z, y).loss;
}

/**
 * Forward and backward pass of one sample: u = s − e_y, the Jacobian J = ∂z/∂θ (C × P) in closed form, g = Jᵀ u
 * (chain rule, [MIS] Eq. 4 / [AS-IS] Eq. 6: g = (∂m/∂θ)ᵀ u), ‖J‖₂ (Jacobi eigenvalues of J Jᵀ) and the
 * last-layer norm ‖u‖ sqrt(‖h‖² + 1) (METHODS §2.4).
 * @param net the network.
 * @param x input (D), finite.
 * @param y class id in [0, C).
 * @example
 * const s = tinyMlp64Sample(net, [0.5, -1], 2); // s.gNorm ≤ s.jacobianNorm · s.uNorm
 */
export function tinyMlp64Sample(net: TinyMlp64, x: ArrayLike<number>, y: number): TinyMlp64Sample {
  const { D, H, C, theta } = net;
  if (x.length !== D) throw new RangeError(`tinyMlp64Sample: x has ${x.length} entries, D = ${D}`);
  const P = theta.length;
  const { h, z, oB1, oW2, oB2 } = forward(net, theta, x);
  const { loss, u } = softmaxCe64(z, y); // [AS-IS] App. A Eq. 8: u = s − e_y
  const Jm = new Float64Array(C * P); // (C, P) ∂z_c/∂θ
  for (let c = 0; c < C; c++) {
    const row = c * P;
    for (let k = 0; k < H; k++) {
      const back = theta[oW2 + c * H + k] * (1 - h[k] * h[k]); // ∂z_c/∂(pre-activation k)
      for (let d = 0; d < D; d++) Jm[row + k * D + d] = back * x[d]; // ∂z_c/∂W1[k, d]
      Jm[row + oB1 + k] = back; // ∂z_c/∂b1[k]
      Jm[row + oW2 + c * H + k] = h[k]; // ∂z_c/∂W2[c, k]
    }
    Jm[row + oB2 + c] = 1; // ∂z_c/∂b2[c]
  }
  const g = new Float64Array(P); // (P)
  for (let c = 0; c < C; c++) for (let q = 0; q < P; q++) g[q] += Jm[c * P + q] * u[c]; // [MIS] Eq. 4: g = Jᵀ u
  const JJt = new Float64Array(C * C); // (C, C)
  for (let a = 0; a < C; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let q = 0; q < P; q++) s += Jm[a * P + q] * Jm[b * P + q];
      JJt[a * C + b] = s;
      JJt[b * C + a] = s;
    }
  }
  let fro = 0;
  for (let i = 0; i < C * C; i++) fro += JJt[i] * JJt[i];
  jacobiRotate(JJt, C, (off) => off <= 1e-30 * fro); // eigenvalues of J Jᵀ on the diagonal
  let lmax = 0;
  for (let c = 0; c < C; c++) lmax = Math.max(lmax, JJt[c * C + c]);
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, e) => s + e * e, 0));
  const uNorm = norm(u);
  const hSq = h.reduce((s, e) => s + e * e, 0);
  return {
    z,
    loss,
    u,
    h,
    g,
    gNorm: norm(g),
    uNorm,
    jacobianNorm: Math.sqrt(lmax), // [MIS] Eq. 4 / [AS-IS] Eq. 6: ‖g‖ ≤ ‖∂m/∂θ‖ ‖u‖
    lastLayerNorm: uNorm * Math.sqrt(hSq + 1), // METHODS §2.4: ‖u‖ sqrt(‖h‖² + 1)
  };
}
