/**
 * The state contract of checkpoints: what a sampler, estimator, optimiser or the diagnostics wrapper saves so
 * that a run restored from it continues exactly as the uninterrupted run would (same draws, same numbers).
 *
 * A saved state is plain JSON ({@link EncodedState}): numbers (NaN, ±Infinity and −0 are tagged, since JSON would
 * turn them into null or 0), booleans, strings, null, arrays, objects, and typed arrays stored compactly as
 * base64 of their bytes (`{ $t: 'f64', b64 }`), so a Float64Array comes back bit for bit.
 */

/** A value a component may put in its state before encoding. */
export type StateValue =
  | number
  | boolean
  | string
  | null
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint8Array
  | StateValue[]
  | { [key: string]: StateValue };

/** The JSON form of a {@link StateValue} ({@link encodeState}). */
export type EncodedState =
  number | boolean | string | null | EncodedState[] | { [key: string]: EncodedState };

/** Saved state of a sampler (`Sampler.saveState`), JSON-able. */
export type SamplerState = EncodedState;

const TYPED = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u8: Uint8Array,
} as const;
type TypedTag = keyof typeof TYPED;

function typedTag(v: unknown): TypedTag | null {
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Uint8Array) return 'u8';
  return null;
}

/**
 * Encodes a state value as plain JSON: typed arrays become `{ $t, b64 }` (their bytes, little-endian as in
 * memory), non-finite numbers and −0 become `{ $n: 'NaN' | 'Infinity' | '-Infinity' | '-0' }`.
 * @param value the state; objects must not use the keys `$t` or `$n`.
 * @example
 * JSON.stringify(encodeState({ q: new Float64Array([0.5]), t: NaN }));
 * // '{"q":{"$t":"f64","b64":"AAAAAAAA4D8="},"t":{"$n":"NaN"}}'
 */
export function encodeState(value: StateValue): EncodedState {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $n: 'NaN' };
    if (value === Infinity) return { $n: 'Infinity' };
    if (value === -Infinity) return { $n: '-Infinity' };
    if (Object.is(value, -0)) return { $n: '-0' };
    return value;
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  const tag = typedTag(value);
  if (tag !== null) {
    const t = value as Float64Array | Float32Array | Int32Array | Uint8Array;
    return { $t: tag, b64: Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map(encodeState);
  const out: { [key: string]: EncodedState } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$t' || k === '$n') throw new Error(`encodeState: key '${k}' is reserved`);
    if (v === undefined) throw new Error(`encodeState: key '${k}' is undefined; use null`);
    out[k] = encodeState(v);
  }
  return out;
}

const NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/**
 * Inverse of {@link encodeState}: typed arrays come back as fresh arrays of their type, tagged numbers as numbers.
 * @param state an encoded state.
 * @throws on a malformed typed array (unknown type or a byte length that is not a multiple of its element size).
 * @example
 * decodeState(encodeState({ q: new Float64Array([0.5]) })); // { q: Float64Array [0.5] }
 */
export function decodeState(state: EncodedState): StateValue {
  if (state === null || typeof state !== 'object') return state;
  if (Array.isArray(state)) return state.map(decodeState);
  if ('$n' in state) {
    const v = NUMBERS[String(state.$n)];
    if (v === undefined) throw new Error(`decodeState: unknown tagged number ${JSON.stringify(state.$n)}`);
    return v;
  }
  if ('$t' in state) {
    const ctor = TYPED[state.$t as TypedTag];
    if (ctor === undefined || typeof state.b64 !== 'string') {
      throw new Error(`decodeState: malformed typed array (type ${JSON.stringify(state.$t)})`);
    }
    const bytes = Buffer.from(state.b64, 'base64');
    if (bytes.length % ctor.BYTES_PER_ELEMENT !== 0) {
      throw new Error(`decodeState: ${bytes.length} bytes do not make a whole ${state.$t} array`);
    }
    const out = new ctor(bytes.length / ctor.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const out: { [key: string]: StateValue } = {};
  for (const [k, v] of Object.entries(state)) out[k] = decodeState(v);
  return out;
}

/**
 * Encodes a component's state with a `kind` tag (its name), so that loading it into another kind of component
 * fails with a clear message ({@link unpackState}). A composite (a wrapper, a sampler built on another) puts the
 * saved states of its parts in `parts`, read back with {@link statePart}.
 * @param kind e.g. the sampler's name 'is'.
 * @param fields the state.
 * @param parts saved states of the component's parts, by name. Default none.
 * @example
 * const s = packState('uniform', { pos: 3 }); // { kind: 'uniform', state: { pos: 3 } }
 */
export function packState(
  kind: string,
  fields: { [key: string]: StateValue },
  parts?: { [name: string]: EncodedState },
): EncodedState {
  return parts === undefined
    ? { kind, state: encodeState(fields) }
    : { kind, state: encodeState(fields), parts };
}

/**
 * The saved state of part `part` of a composite's state ({@link packState} with `parts`).
 * @param kind the composite's kind.
 * @param state its saved state.
 * @param part the part's name.
 * @example
 * scan.loadState(statePart('low', state, 'scan'));
 */
export function statePart(kind: string, state: EncodedState, part: string): EncodedState {
  unpackState(kind, state);
  const parts = (state as { parts?: { [name: string]: EncodedState } }).parts;
  if (parts === undefined || !(part in parts)) throw new Error(`${kind}: saved state has no part '${part}'`);
  return parts[part];
}

/**
 * Decodes a state made by {@link packState}, checking its kind; the caller states the shape it expects.
 * @param kind the kind the loader expects.
 * @param state the saved state.
 * @throws when the state was saved by another kind of component, or is not a packed state.
 * @example
 * const { pos } = unpackState<{ pos: number }>('uniform', packState('uniform', { pos: 3 })); // 3
 */
export function unpackState<T>(kind: string, state: EncodedState): T {
  if (state === null || typeof state !== 'object' || Array.isArray(state) || !('kind' in state)) {
    throw new Error(`${kind}: loadState got ${JSON.stringify(state)?.slice(0, 80)}, not a saved state`);
  }
  if (state.kind !== kind) {
    throw new Error(
      `${kind}: loadState got the state of '${String(state.kind)}'; states are not interchangeable`,
    );
  }
  return decodeState(state.state) as T;
}

/**
 * Copies a saved typed array into a component's own array of the same type and length (state kept in `const`
 * arrays), so a state of another run size fails loudly.
 * @param who name for the message.
 * @param target the component's array.
 * @param saved the decoded array.
 * @example
 * restoreArray('is.q', q, saved.q);
 */
export function restoreArray<A extends Float64Array | Float32Array | Int32Array | Uint8Array>(
  who: string,
  target: A,
  saved: StateValue,
): void {
  if (typedTag(saved) !== typedTag(target) || (saved as A).length !== target.length) {
    throw new Error(
      `${who}: saved array has ${typedTag(saved) ?? typeof saved} × ${(saved as A)?.length}, ` +
        `expected ${typedTag(target)} × ${target.length} (a checkpoint of another run?)`,
    );
  }
  target.set(saved as A);
}
