import type { Rng } from '../random/rng.js';

/**
 * Names of the seeded weight initialisers. Every initialiser draws from the kit's {@link Rng} (never from
 * tfjs's own random ops), so a seed fixes the initial weights bit for bit on every backend.
 *
 * | name | distribution | reference |
 * | --- | --- | --- |
 * | 'glorot-uniform' | U(−a, a), a = sqrt(6 / (fanIn + fanOut)) | Glorot and Bengio (2010) |
 * | 'he-uniform' | U(−a, a), a = sqrt(6 / fanIn) | He et al. (2015) |
 * | 'he-normal' | N(0, 2 / fanIn) (not truncated) | He et al. (2015) |
 * | 'lecun-uniform' | U(−a, a), a = sqrt(3 / fanIn) | LeCun et al. (1998) |
 * | 'zeros' | 0 | — |
 */
export type InitName = 'glorot-uniform' | 'he-uniform' | 'he-normal' | 'lecun-uniform' | 'zeros';

/** All initialiser names, in a fixed order (for error messages and option validation). */
export const initNames: readonly InitName[] = [
  'glorot-uniform',
  'he-uniform',
  'he-normal',
  'lecun-uniform',
  'zeros',
];

/** Fan sizes of a weight tensor: fanIn = inputs per unit, fanOut = outputs per unit. */
export interface Fans {
  /** Inputs feeding one output unit (dense: in; conv: kh·kw·Cin). */
  fanIn: number;
  /** Outputs fed by one input unit (dense: out; conv: kh·kw·Cout). */
  fanOut: number;
}

function checkSize(fn: string, size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new Error(`${fn}: size must be a non-negative integer, got ${size}`);
  }
}

function checkFan(fn: string, name: string, fan: number): void {
  if (!Number.isInteger(fan) || fan < 1) {
    throw new Error(`${fn}: ${name} must be a positive integer, got ${fan}`);
  }
}

function uniform(size: number, a: number, rng: Rng): Float32Array {
  const w = new Float32Array(size);
  for (let i = 0; i < size; i++) w[i] = (2 * rng.next() - 1) * a;
  return w;
}

/**
 * Glorot (Xavier) uniform initialisation: U(−a, a) with a = sqrt(6 / (fanIn + fanOut)).
 * @param size number of values (product of the weight shape).
 * @param fans fan-in and fan-out of the weight.
 * @param rng the kit's seeded generator; `size` draws are consumed.
 * @returns a Float32Array of length `size`.
 * @example
 * const w = glorotUniform(784 * 256, { fanIn: 784, fanOut: 256 }, createRng(0).derive('W0'));
 */
export function glorotUniform(size: number, fans: Fans, rng: Rng): Float32Array {
  checkSize('glorotUniform', size);
  checkFan('glorotUniform', 'fanIn', fans.fanIn);
  checkFan('glorotUniform', 'fanOut', fans.fanOut);
  return uniform(size, Math.sqrt(6 / (fans.fanIn + fans.fanOut)), rng);
}

/**
 * He (Kaiming) uniform initialisation for ReLU layers: U(−a, a) with a = sqrt(6 / fanIn).
 * @param size number of values.
 * @param fans only `fanIn` is used.
 * @param rng the kit's seeded generator; `size` draws are consumed.
 * @returns a Float32Array of length `size`.
 * @example
 * const w = heUniform(784 * 256, { fanIn: 784, fanOut: 256 }, createRng(0));
 */
export function heUniform(size: number, fans: Fans, rng: Rng): Float32Array {
  checkSize('heUniform', size);
  checkFan('heUniform', 'fanIn', fans.fanIn);
  return uniform(size, Math.sqrt(6 / fans.fanIn), rng);
}

/**
 * He (Kaiming) normal initialisation: N(0, σ²) with σ = sqrt(2 / fanIn), not truncated.
 * @param size number of values.
 * @param fans only `fanIn` is used.
 * @param rng the kit's seeded generator; `size` normal draws are consumed.
 * @returns a Float32Array of length `size`.
 * @example
 * const w = heNormal(25 * 6, { fanIn: 25, fanOut: 150 }, createRng(0));
 */
export function heNormal(size: number, fans: Fans, rng: Rng): Float32Array {
  checkSize('heNormal', size);
  checkFan('heNormal', 'fanIn', fans.fanIn);
  const sigma = Math.sqrt(2 / fans.fanIn);
  const w = new Float32Array(size);
  for (let i = 0; i < size; i++) w[i] = sigma * rng.normal();
  return w;
}

/**
 * LeCun uniform initialisation (unit variance for linear/tanh units): U(−a, a) with a = sqrt(3 / fanIn).
 * @param size number of values.
 * @param fans only `fanIn` is used.
 * @param rng the kit's seeded generator; `size` draws are consumed.
 * @returns a Float32Array of length `size`.
 * @example
 * const w = lecunUniform(6, { fanIn: 6, fanOut: 1 }, createRng(0));
 */
export function lecunUniform(size: number, fans: Fans, rng: Rng): Float32Array {
  checkSize('lecunUniform', size);
  checkFan('lecunUniform', 'fanIn', fans.fanIn);
  return uniform(size, Math.sqrt(3 / fans.fanIn), rng);
}

/**
 * All-zero initialisation (biases; convex regression).
 * @param size number of values.
 * @returns a Float32Array of `size` zeros.
 * @example
 * zeros(3); // Float32Array [0, 0, 0]
 */
export function zeros(size: number): Float32Array {
  checkSize('zeros', size);
  return new Float32Array(size);
}

/**
 * Initialiser chosen by name (see {@link InitName}).
 * @param name one of {@link initNames}.
 * @param size number of values.
 * @param fans fan-in and fan-out of the weight (ignored by 'zeros').
 * @param rng the kit's seeded generator (not used by 'zeros').
 * @returns a Float32Array of length `size`.
 * @example
 * const b = initialize('zeros', 10, { fanIn: 84, fanOut: 10 }, rng);
 */
export function initialize(name: InitName, size: number, fans: Fans, rng: Rng): Float32Array {
  switch (name) {
    case 'glorot-uniform':
      return glorotUniform(size, fans, rng);
    case 'he-uniform':
      return heUniform(size, fans, rng);
    case 'he-normal':
      return heNormal(size, fans, rng);
    case 'lecun-uniform':
      return lecunUniform(size, fans, rng);
    case 'zeros':
      return zeros(size);
    default:
      throw new Error(`initialize: unknown init '${String(name)}'; allowed: ${initNames.join(', ')}`);
  }
}
