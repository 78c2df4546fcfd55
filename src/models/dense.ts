import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { initialize, initNames, type InitName } from './init.js';

/** A fully-connected layer z = h W + b with explicit, seeded parameters. */
export interface DenseLayer {
  /** Input width `in`. */
  readonly inputSize: number;
  /** Output width `out`. */
  readonly outputSize: number;
  /** Weight W, shape (in, out). */
  readonly W: tf.Variable;
  /** Bias b, shape (out). */
  readonly b: tf.Variable;
  /** Pre-activation z = h W + b for h (B, in); returns (B, out). Differentiable in W, b and h. */
  apply(h: tf.Tensor2D): tf.Tensor2D;
}

/** Options of {@link createDense}. */
export interface DenseOptions {
  /** Input width `in` (positive integer). */
  inputSize: number;
  /** Output width `out` (positive integer). */
  outputSize: number;
  /** Weight initialiser; default 'glorot-uniform'. */
  init?: InitName;
  /** Bias initialiser; default 'zeros'. */
  biasInit?: InitName;
}

/** Defaults of {@link createDense}: Glorot-uniform weights, zero biases. */
export const denseDefaults = {
  init: 'glorot-uniform',
  biasInit: 'zeros',
} as const satisfies Partial<DenseOptions>;

/**
 * z = h W + b with a hand-written gradient that only multiplies untransposed matrices: the wasm
 * `BatchMatMul` kernel is 4–15× slower with its transpose flags (measured at B = 128: h (128, 784)ᵀ·dz
 * 33 ms with transposeA versus 2 ms for an explicit `Transpose` then `BatchMatMul`).
 */
/** What one dense layer saw in a traced backward pass (see {@link traceDenseBackward}). */
export interface DenseTrace {
  /** The layer's weight W (in, out) and bias b (out). */
  W: tf.Variable;
  b: tf.Variable;
  /** The layer's input h (rows, in) and the gradient of the traced scalar with respect to its output (rows, out). */
  h: tf.Tensor2D;
  dz: tf.Tensor2D;
}

let traces: DenseTrace[] | null = null;

/**
 * Runs `fn` (which runs a backward pass, e.g. `tf.variableGrads`) while every dense layer records its input h and
 * output gradient dz instead of computing dW and db (returned as zeros). With a per-sample loss sum as the traced
 * scalar, row s of dz is ∂ℓ_s/∂z_s, so the gradient of any per-sample weighting Σ_s c_s ℓ_s is
 * dW = hᵀ (c ⊙ dz), db = cᵀ dz — several weightings from one backward pass (OMIS, METHODS §4.7).
 * The caller owns (and must dispose) the recorded h and dz.
 * @example
 * const { result, traces } = traceDenseBackward(() => tf.variableGrads(() => losses.sum() as tf.Scalar));
 */
export function traceDenseBackward<T>(fn: () => T): { result: T; traces: DenseTrace[] } {
  if (traces !== null)
    throw new Error('traceDenseBackward: already tracing (nested calls are not supported)');
  const recorded: DenseTrace[] = [];
  traces = recorded;
  try {
    return { result: fn(), traces: recorded };
  } finally {
    traces = null;
  }
}

/**
 * Backends whose gradient multiplies an explicitly transposed copy: wasm's BatchMatMul is slow with transpose
 * flags (above); cpu keeps the same form as wasm. Elsewhere (tensorflow, webgl, webgpu) the flags are free.
 */
const explicitTranspose = new Set(['wasm', 'cpu']);

/** z = h W + b with a hand-written gradient (wasm's BatchMatMul is slow with transpose flags). */
function denseOpFor(Wv: tf.Variable, bv: tf.Variable) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [h, W, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([h, W]);
    const value = tf.fused.matMul({ a: h, b: W, bias: b }) as tf.Tensor2D; // (B, out)
    const gradFunc = (dz: tf.Tensor2D, saved: tf.Tensor[]): tf.Tensor[] => {
      const [hs, Ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const flags = !explicitTranspose.has(tf.getBackend());
      const dh = flags ? tf.matMul(dz, Ws, false, true) : tf.matMul(dz, tf.transpose(Ws)); // (B, in)
      if (traces !== null) {
        traces.push({ W: Wv, b: bv, h: tf.keep(hs.clone()), dz: tf.keep(dz.clone()) });
        return [dh, tf.zerosLike(Ws), tf.zerosLike(bv)]; // the caller forms its own weighted dW, db
      }
      const dW = flags ? tf.matMul(hs, dz, true, false) : tf.matMul(tf.transpose(hs), dz); // (in, out)
      const db = tf.sum(dz, 0); // (out)
      return [dh, dW, db];
    };
    return { value, gradFunc };
  });
}

function checkPositiveInt(where: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${where} must be a positive integer, got ${v}`);
}

/** A trainable variable holding `t`'s values; `t` itself is disposed (the variable keeps the data). */
function toVariable(t: tf.Tensor): tf.Variable {
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

function checkInit(where: string, v: string): void {
  if (!(initNames as readonly string[]).includes(v)) {
    throw new Error(`${where} must be one of ${initNames.join(', ')}; got '${v}'`);
  }
}

/**
 * Creates a dense layer with weights drawn from `rng.derive('W')` and biases from `rng.derive('b')`, so the
 * values depend only on the seed, not on the order in which layers are built.
 *
 * @param options `inputSize`, `outputSize`; `init` (default 'glorot-uniform'), `biasInit` (default 'zeros').
 * @param rng the kit's seeded generator.
 * @returns the layer; its two variables are owned by the caller (dispose them with the model).
 * @example
 * const layer = createDense({ inputSize: 84, outputSize: 10 }, createRng(0).derive('out'));
 * const z = layer.apply(h); // (B, 10)
 */
export function createDense(options: DenseOptions, rng: Rng): DenseLayer {
  const { inputSize, outputSize } = options;
  const init = options.init ?? denseDefaults.init;
  const biasInit = options.biasInit ?? denseDefaults.biasInit;
  checkPositiveInt('createDense: inputSize', inputSize);
  checkPositiveInt('createDense: outputSize', outputSize);
  checkInit('createDense: init', init);
  checkInit('createDense: biasInit', biasInit);
  const fans = { fanIn: inputSize, fanOut: outputSize };
  const wValues = initialize(init, inputSize * outputSize, fans, rng.derive('W'));
  const bValues = initialize(biasInit, outputSize, fans, rng.derive('b'));
  return denseFromValues(inputSize, outputSize, wValues, bValues);
}

/**
 * Creates a dense layer from given initial values (for models with their own initialisation scheme, e.g. SIREN),
 * with the same traced gradient as {@link createDense}.
 * @param inputSize `in` (positive integer).
 * @param outputSize `out` (positive integer).
 * @param wValues W row-major (in × out).
 * @param bValues b (out).
 * @returns the layer; its two variables are owned by the caller.
 * @example
 * const layer = denseFromValues(2, 1, Float32Array.of(0.5, -1), Float32Array.of(0));
 */
export function denseFromValues(
  inputSize: number,
  outputSize: number,
  wValues: Float32Array,
  bValues: Float32Array,
): DenseLayer {
  checkPositiveInt('denseFromValues: inputSize', inputSize);
  checkPositiveInt('denseFromValues: outputSize', outputSize);
  if (wValues.length !== inputSize * outputSize || bValues.length !== outputSize) {
    throw new Error(
      `denseFromValues: expected ${inputSize * outputSize} weights and ${outputSize} biases, ` +
        `got ${wValues.length} and ${bValues.length}`,
    );
  }
  const W = toVariable(tf.tensor2d(wValues, [inputSize, outputSize])); // (in, out)
  const b = toVariable(tf.tensor1d(bValues)); // (out)
  const op = denseOpFor(W, b);
  return {
    inputSize,
    outputSize,
    W,
    b,
    apply(h: tf.Tensor2D): tf.Tensor2D {
      if (h.rank !== 2 || h.shape[1] !== inputSize) {
        throw new Error(`dense.apply: h must have shape (B, ${inputSize}), got (${h.shape.join(', ')})`);
      }
      return op(h, W, b) as tf.Tensor2D; // (B, out)
    },
  };
}
