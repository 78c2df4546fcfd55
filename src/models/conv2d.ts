import * as tf from '@tensorflow/tfjs';

/** Padding of {@link conv2dOp}: 'valid' (none), 'same' (TensorFlow rule) or p zeros on every side. */
export type Conv2dPadding = 'valid' | 'same' | number;

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/** Resolved geometry of one convolution (all sizes in pixels). */
interface Geometry {
  H: number;
  W: number;
  Cin: number;
  kh: number;
  kw: number;
  Cout: number;
  stride: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Padded input size. */
  Hp: number;
  Wp: number;
  /** Output size. */
  Ho: number;
  Wo: number;
}

function resolvePad(n: number, k: number, stride: number, pad: Conv2dPadding): [number, number] {
  if (pad === 'valid') return [0, 0];
  if (pad === 'same') {
    // TensorFlow 'same': output ceil(n / stride), the odd pixel of padding goes at the end.
    const total = Math.max((Math.ceil(n / stride) - 1) * stride + k - n, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  }
  return [pad, pad];
}

function geometry(x: tf.Tensor, w: tf.Tensor, stride: number, pad: Conv2dPadding): Geometry {
  if (x.rank !== 4)
    throw new Error(`conv2dOp: x must have shape (B, H, W, Cin), got (${x.shape.join(', ')})`);
  if (w.rank !== 4) {
    throw new Error(`conv2dOp: w must have shape (kh, kw, Cin, Cout), got (${w.shape.join(', ')})`);
  }
  if (x.dtype !== 'float32' || w.dtype !== 'float32') {
    throw new Error(`conv2dOp: x and w must be float32, got ${x.dtype} and ${w.dtype}`);
  }
  const [, H, W, Cin] = x.shape;
  const [kh, kw, wCin, Cout] = w.shape;
  if (wCin !== Cin) throw new Error(`conv2dOp: w has Cin = ${wCin} but x has Cin = ${Cin}; they must agree`);
  if (!Number.isInteger(stride) || stride < 1) {
    throw new Error(`conv2dOp: stride must be a positive integer, got ${stride}`);
  }
  if (pad !== 'valid' && pad !== 'same' && !(Number.isInteger(pad) && pad >= 0)) {
    throw new Error(`conv2dOp: pad must be 'valid', 'same' or a non-negative integer, got ${String(pad)}`);
  }
  const [top, bottom] = resolvePad(H, kh, stride, pad);
  const [left, right] = resolvePad(W, kw, stride, pad);
  const Hp = H + top + bottom;
  const Wp = W + left + right;
  if (Hp < kh || Wp < kw) {
    throw new Error(`conv2dOp: kernel ${kh}×${kw} is larger than the padded input ${Hp}×${Wp}`);
  }
  const Ho = Math.floor((Hp - kh) / stride) + 1;
  const Wo = Math.floor((Wp - kw) / stride) + 1;
  return { H, W, Cin, kh, kw, Cout, stride, top, bottom, left, right, Hp, Wp, Ho, Wo };
}

/** Options of {@link conv2dOp}. */
export interface Conv2dOpOptions {
  /**
   * Propagate the gradient to x; default true. Set false when x is data (the first layer of a network): the
   * op then has w as its only differentiable input and skips ∂/∂x (≈ 12% of a LeNet-5 step on wasm).
   */
  inputGradient?: boolean;
  /**
   * Which gradient to use; default 'auto'. 'native': `tf.conv2d` and tfjs's own gradient kernels
   * (`Conv2DBackpropFilter`, `Conv2DBackpropInput`). 'im2col': the custom gradient below, made of forward
   * convolutions. 'auto': 'native' where the active backend registers both gradient kernels (tensorflow, cpu,
   * webgl, webgpu), 'im2col' where it does not (wasm).
   */
  kernel?: Conv2dKernel;
}

/** Gradient implementation of {@link conv2dOp}; see {@link Conv2dOpOptions.kernel}. */
export type Conv2dKernel = 'auto' | 'native' | 'im2col';

/** Defaults of {@link conv2dOp}'s options: the gradient flows to x; the kernel follows the backend. */
export const conv2dOpDefaults = { inputGradient: true, kernel: 'auto' } as const satisfies Conv2dOpOptions;

/**
 * The gradient implementation `kernel: 'auto'` picks on the active backend: 'native' where the backend registers
 * `Conv2DBackpropFilter` and `Conv2DBackpropInput`, else 'im2col'.
 * @example
 * conv2dKernelFor(); // 'im2col' on wasm, 'native' on tensorflow and cpu
 */
export function conv2dKernelFor(backend: string = tf.getBackend()): 'native' | 'im2col' {
  const has = (k: string): boolean => tf.getKernel(k, backend) != null;
  return has('Conv2DBackpropFilter') && has('Conv2DBackpropInput') ? 'native' : 'im2col';
}

/**
 * 2-D convolution y = x ⋆ w (cross-correlation, NHWC) that trains on every backend, the wasm backend included,
 * which lacks the `Conv2DBackpropFilter` kernel that tfjs's own conv2d gradient needs.
 *
 * Forward: `tf.conv2d`. Backward: on backends with the native gradient kernels (tensorflow, cpu, webgl, webgpu),
 * tfjs's own gradient (`kernel: 'auto'` or 'native'). Otherwise (wasm, or `kernel: 'im2col'`), for upstream dy
 * (B, Ho, Wo, Cout), every term is again a forward convolution (fast XNNPACK `Conv2D` on wasm):
 * - ∂/∂w: dW[i, j, c, o] = Σ_{b, y, x} x_pad[b, y·s + i, x·s + j, c] · dy[b, y, x, o], i.e. a valid convolution
 *   of x with the batch as channels, (Cin, Hp, Wp, B), by dy as a filter, (Ho, Wo, B, Cout), with dilation s.
 *   This is the im2col product Pᵀ dy (P = input patches) without materialising P: measured on wasm at B = 128,
 *   a `GatherV2`-based im2col took ~100 ms per LeNet conv layer, this form 4–7 ms.
 * - ∂/∂x: for stride 1 (and padding ≤ k − 1), a convolution of dy, zero-padded by k − 1 − pad, with the
 *   spatially flipped filter with Cin and Cout swapped (2–4× faster than `Conv2DBackpropInput` on wasm);
 *   otherwise `tf.conv2dTranspose` (kernel `Conv2DBackpropInput`).
 * Both are exact: the same float32 products as the native gradient, summed in a different order.
 *
 * @param x input (B, H, W, Cin), float32.
 * @param w filter (kh, kw, Cin, Cout), float32.
 * @param stride step in both spatial directions; default 1.
 * @param pad 'valid' (default), 'same' (TensorFlow convention) or a number p of zeros on each side.
 * @param options `inputGradient` (default true), `kernel` (default 'auto').
 * @returns y (B, Ho, Wo, Cout), differentiable in w (and in x unless `inputGradient` is false) on every backend.
 * @example
 * const y = conv2dOp(x, w, 1, 2); // x (B, 28, 28, 1), w (5, 5, 1, 6) → y (B, 28, 28, 6)
 */
export function conv2dOp(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride = 1,
  pad: Conv2dPadding = 'valid',
  options: Conv2dOpOptions = {},
): tf.Tensor4D {
  const g = geometry(x, w, stride, pad);
  const inputGradient = options.inputGradient ?? conv2dOpDefaults.inputGradient;
  const kernel = options.kernel ?? conv2dOpDefaults.kernel;
  if (kernel !== 'auto' && kernel !== 'native' && kernel !== 'im2col') {
    throw new Error(`conv2dOp: kernel must be 'auto', 'native' or 'im2col', got '${String(kernel)}'`);
  }
  const B = x.shape[0];
  const explicit: ExplicitPadding = [
    [0, 0],
    [g.top, g.bottom],
    [g.left, g.right],
    [0, 0],
  ];
  if ((kernel === 'auto' ? conv2dKernelFor() : kernel) === 'native') {
    // The tensorflow backend accepts only 'valid' and 'same': p zeros on each side are an explicit tf.pad.
    const padded = typeof pad === 'number' && pad > 0 ? tf.pad(x, explicit) : x; // (B, Hp, Wp, Cin)
    const mode = pad === 'same' ? 'same' : 'valid';
    if (inputGradient) return tf.conv2d(padded, w, g.stride, mode); // (B, Ho, Wo, Cout), tfjs's own gradient
    // w is the only differentiable input: the filter gradient straight from the backend's kernel.
    const opW = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [wi, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
      save([padded]);
      const value = tf.conv2d(padded, wi, g.stride, mode); // (B, Ho, Wo, Cout)
      const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]): tf.Tensor[] => [
        tf.engine().runKernel(
          'Conv2DBackpropFilter',
          { x: saved[0], dy },
          {
            strides: [g.stride, g.stride],
            pad: mode,
            dataFormat: 'NHWC',
            filterShape: w.shape,
          },
        ) as tf.Tensor4D, // (kh, kw, Cin, Cout)
      ];
      return { value, gradFunc };
    });
    return opW(w) as tf.Tensor4D;
  }
  // Padding of dy that turns the input gradient into a forward convolution (stride 1 only).
  const dyPad: ExplicitPadding = [
    [0, 0],
    [g.kh - 1 - g.top, g.kh - 1 - g.bottom],
    [g.kw - 1 - g.left, g.kw - 1 - g.right],
    [0, 0],
  ];
  const dxByConv = g.stride === 1 && dyPad.every(([a, b]) => a >= 0 && b >= 0);

  const gradX = (dy: tf.Tensor4D, ws: tf.Tensor4D): tf.Tensor4D => {
    if (dxByConv) {
      const wFlip = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // (kh, kw, Cout, Cin)
      return tf.conv2d(dy, wFlip, 1, dyPad); // (B, H, W, Cin)
    }
    return tf.conv2dTranspose(dy, ws, [B, g.H, g.W, g.Cin], g.stride, explicit); // (B, H, W, Cin)
  };
  const gradW = (dy: tf.Tensor4D, xs: tf.Tensor4D): tf.Tensor4D => {
    const xt = tf.transpose(xs, [3, 1, 2, 0]) as tf.Tensor4D; // (Cin, H, W, B)
    const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // (Ho, Wo, B, Cout)
    const full = tf.conv2d(xt, dyt, 1, explicit, 'NHWC', g.stride); // (Cin, Hp − (Ho−1)s, Wp − (Wo−1)s, Cout)
    // With stride > 1 the last rows/columns of x_pad may lie beyond every window: keep the kh × kw taps.
    const taps =
      full.shape[1] === g.kh && full.shape[2] === g.kw
        ? full
        : tf.slice(full, 0, [g.Cin, g.kh, g.kw, g.Cout]); // (Cin, kh, kw, Cout)
    return tf.transpose(taps, [1, 2, 0, 3]); // (kh, kw, Cin, Cout)
  };

  if (!inputGradient) {
    // x is captured, not an input of the custom op: no gradient is computed for it.
    const opW = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [wi, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
      save([x]); // kept by the tape for the backward pass, even if the caller's x is disposed by then
      const value = tf.conv2d(x, wi, g.stride, explicit); // (B, Ho, Wo, Cout)
      return {
        value,
        gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => [gradW(dy, saved[0] as tf.Tensor4D)],
      };
    });
    return opW(w) as tf.Tensor4D;
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, wi, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xi, wi]);
    const value = tf.conv2d(xi, wi, g.stride, explicit); // (B, Ho, Wo, Cout)
    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
      return [gradX(dy, ws), gradW(dy, xs)];
    };
    return { value, gradFunc };
  });
  return op(x, w) as tf.Tensor4D;
}
