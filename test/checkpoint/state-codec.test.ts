import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decodeState,
  encodeState,
  packState,
  restoreArray,
  statePart,
  unpackState,
} from '../../src/checkpoint/state-codec.js';

describe('state codec', () => {
  test('typed arrays, non-finite numbers and −0 survive JSON bit for bit', () => {
    const value = {
      q: Float64Array.from([0.1, 1e-300, -2.5, Math.PI]),
      f: Float32Array.from([0.1, -0]),
      i: Int32Array.from([-1, 2 ** 31 - 1]),
      u: Uint8Array.from([0, 255]),
      nums: [NaN, Infinity, -Infinity, -0, 0, 1 / 3],
      nested: { order: null, flag: true, name: 'is', empty: [] },
    };
    const back = decodeState(JSON.parse(JSON.stringify(encodeState(value)))) as typeof value;
    assert.ok(back.q instanceof Float64Array && back.f instanceof Float32Array);
    assert.ok(back.i instanceof Int32Array && back.u instanceof Uint8Array);
    assert.deepEqual(Array.from(back.q), Array.from(value.q));
    assert.ok(Object.is(back.f[1], -0));
    assert.deepEqual(Array.from(back.i), [-1, 2 ** 31 - 1]);
    assert.ok(Number.isNaN(back.nums[0]));
    assert.deepEqual(back.nums.slice(1, 3), [Infinity, -Infinity]);
    assert.ok(Object.is(back.nums[3], -0), '−0 stays −0 (JSON alone would write 0)');
    assert.equal(back.nums[5], 1 / 3);
    assert.deepEqual(back.nested, value.nested);
  });

  test('a typed array is stored as base64 of its bytes (8 bytes per float64)', () => {
    assert.deepEqual(encodeState(Float64Array.from([0.5])), { $t: 'f64', b64: 'AAAAAAAA4D8=' });
    // a view into a larger buffer encodes only its own bytes
    const view = new Float64Array(Float64Array.from([1, 0.5, 2]).buffer, 8, 1);
    assert.deepEqual(encodeState(view), { $t: 'f64', b64: 'AAAAAAAA4D8=' });
  });

  test('malformed input is an error, never a silent zero', () => {
    assert.throws(() => encodeState({ $t: 'x' }), /key '\$t' is reserved/);
    assert.throws(() => decodeState({ $t: 'f64', b64: 'AAAA' }), /3 bytes do not make a whole f64 array/);
    assert.throws(() => decodeState({ $t: 'f16', b64: '' }), /malformed typed array/);
    assert.throws(() => decodeState({ $n: 'big' }), /unknown tagged number/);
  });

  test('packState tags the kind; unpackState refuses another kind; parts carry nested states', () => {
    const s = packState('low', { wMin: 0.5 }, { scan: packState('uniform', { pos: 3 }) });
    assert.deepEqual(unpackState('low', s), { wMin: 0.5 });
    assert.deepEqual(unpackState('uniform', statePart('low', s, 'scan')), { pos: 3 });
    assert.throws(() => unpackState('is', s), /is: loadState got the state of 'low'/);
    assert.throws(() => statePart('low', s, 'inner'), /no part 'inner'/);
    assert.throws(() => unpackState('is', { pos: 3 }), /not a saved state/);
  });

  test('restoreArray copies into the owner array and refuses another type or length', () => {
    const q = new Float64Array(3);
    restoreArray('q', q, Float64Array.from([1, 2, 3]));
    assert.deepEqual(Array.from(q), [1, 2, 3]);
    assert.throws(
      () => restoreArray('q', q, Float64Array.from([1])),
      /q: saved array has f64 × 1, expected f64 × 3/,
    );
    assert.throws(() => restoreArray('q', q, Int32Array.from([1, 2, 3])), /saved array has i32 × 3/);
  });
});
