import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { parseIdx } from '../../src/data/idx.js';

/** Builds an IDX file: magic 0x0000TTDD, big-endian uint32 dims, then the data bytes. */
function idxBytes(dims: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

// A 2×3×2 image stack with bytes 0, 10, ..., 110 and a 4-label vector.
const images = Array.from({ length: 12 }, (_, i) => 10 * i);
const labels = [3, 0, 9, 255];

test('parseIdx reads a plain 3-D unsigned-byte file (magic 0x00000803)', () => {
  const buf = idxBytes([2, 3, 2], images);
  assert.deepEqual(Array.from(buf.subarray(0, 8)), [0, 0, 8, 3, 0, 0, 0, 2]); // hand-written header start
  const t = parseIdx(buf, 'images.idx');
  assert.deepEqual(t.dims, [2, 3, 2]);
  assert.deepEqual(Array.from(t.data), images);
});

test('parseIdx reads a 1-D label file (magic 0x00000801), including a dimension ≥ 256', () => {
  const t = parseIdx(idxBytes([4], labels), 'labels.idx');
  assert.deepEqual(t.dims, [4]);
  assert.deepEqual(Array.from(t.data), labels);
  const big = Array.from({ length: 70000 }, (_, i) => i % 251);
  const tb = parseIdx(idxBytes([70000], big), 'big.idx'); // 70000 = 0x00011170 uses three header bytes
  assert.deepEqual(tb.dims, [70000]);
  assert.equal(tb.data[69999], 69999 % 251);
});

test('parseIdx inflates a gzipped file (magic 0x1f8b) to the same tensor', () => {
  const plain = idxBytes([2, 3, 2], images);
  const gz = gzipSync(plain);
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
  const t = parseIdx(gz, 'images.idx.gz');
  assert.deepEqual(t.dims, [2, 3, 2]);
  assert.deepEqual(Array.from(t.data), images);
});

test('parseIdx: truncated data → error with file name and byte offsets', () => {
  const buf = idxBytes([2, 3, 2], images).subarray(0, 20); // header 16 bytes + 4 of 12 data bytes
  assert.throws(
    () => parseIdx(buf, 'short.idx'),
    (e: Error) =>
      e.message.includes('short.idx') &&
      e.message.includes('truncated data') &&
      e.message.includes('from byte offset 16 to 28') &&
      e.message.includes('ends at byte offset 20'),
  );
});

test('parseIdx: truncated header → error with file name and byte offset', () => {
  const buf = idxBytes([2, 3, 2], images).subarray(0, 10); // dims need bytes 4..15
  assert.throws(
    () => parseIdx(buf, 'hdr.idx'),
    (e: Error) => e.message.includes('hdr.idx') && e.message.includes('byte offset 10'),
  );
  assert.throws(
    () => parseIdx(new Uint8Array([0, 0, 8]), 'tiny.idx'),
    (e: Error) => e.message.includes('tiny.idx') && e.message.includes('3 bytes'),
  );
});

test('parseIdx: truncated gzip stream → error with file name', () => {
  const gz = gzipSync(idxBytes([2, 3, 2], images));
  assert.throws(
    () => parseIdx(gz.subarray(0, gz.length - 10), 'cut.idx.gz'),
    (e: Error) => e.message.includes('cut.idx.gz') && e.message.includes('gzip') && e.message.includes('byte offset'),
  );
});

test('parseIdx: bad magic → error with file name, offset 0 and the expected magic', () => {
  const buf = idxBytes([4], labels);
  buf[0] = 0x12;
  assert.throws(
    () => parseIdx(buf, 'bad.idx'),
    (e: Error) =>
      e.message.includes('bad.idx') &&
      e.message.includes('0x12000801') &&
      e.message.includes('byte offset 0') &&
      e.message.includes('0x00000803'),
  );
});

test('parseIdx: non-byte type code and zero dimensions are rejected with their offsets', () => {
  assert.throws(
    () => parseIdx(idxBytes([1], [0, 0, 0, 0], 0x0d), 'float.idx'),
    (e: Error) =>
      e.message.includes('float.idx') &&
      e.message.includes('0x0d (float32)') &&
      e.message.includes('byte offset 2') &&
      e.message.includes('0x08'),
  );
  assert.throws(
    () => parseIdx(new Uint8Array([0, 0, 8, 0]), 'zero.idx'),
    (e: Error) => e.message.includes('zero.idx') && e.message.includes('byte offset 3'),
  );
});

test('parseIdx: trailing bytes after the data are an error naming the offset', () => {
  const buf = new Uint8Array([...idxBytes([4], labels), 7, 7]);
  assert.throws(
    () => parseIdx(buf, 'long.idx'),
    (e: Error) => e.message.includes('long.idx') && e.message.includes('2 unexpected trailing bytes from byte offset 12'),
  );
});
