import { gunzipSync } from 'node:zlib';

/** A parsed IDX tensor: its dimensions and its values, row-major. */
export interface IdxTensor {
  /** Dimensions from the header, e.g. [60000, 28, 28] for an image file, [60000] for a label file. */
  dims: number[];
  /** Values, row-major, `prod(dims)` bytes (unsigned 8-bit). */
  data: Uint8Array;
}

/** IDX type codes (third magic byte); only 0x08 (unsigned byte) is read by {@link parseIdx}. */
const idxTypeNames: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

/**
 * Parses an IDX file (the LeCun MNIST / Fashion-MNIST format), plain or gzipped.
 *
 * Layout (big-endian): bytes 0–1 are zero, byte 2 is the type code (0x08 = unsigned byte, the only type read
 * here), byte 3 is the number of dimensions d; then d uint32 sizes; then `prod(sizes)` values. Magic
 * 0x00000801 is a label vector, 0x00000803 an image stack. A gzip stream (first bytes 0x1f 0x8b) is inflated
 * with `node:zlib` first. Truncated or malformed input throws an Error naming `name` and the byte offset (in
 * the inflated stream) where the problem is; trailing bytes after the data are an error too.
 *
 * @param buf file contents (plain IDX or gzip of an IDX file).
 * @param name file name used in error messages.
 * @returns `{ dims, data }`; `data` is a view of the (inflated) buffer, not a copy.
 * @example
 * const { dims, data } = parseIdx(readFileSync('train-labels-idx1-ubyte.gz'), 'train-labels-idx1-ubyte.gz');
 * // dims = [60000], data[i] ∈ 0..9
 */
export function parseIdx(buf: Uint8Array, name: string): IdxTensor {
  let bytes = buf;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      const inflated = gunzipSync(buf);
      bytes = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(
        `parseIdx: ${name}: gzip stream (${buf.length} compressed bytes, from byte offset 0) cannot be inflated: ${why}`,
      );
    }
  }
  if (bytes.length < 4) {
    throw new Error(
      `parseIdx: ${name}: truncated header: file has ${bytes.length} bytes, the 4-byte magic ends at byte offset 4`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
    throw new Error(
      `parseIdx: ${name}: bad magic 0x${magic} at byte offset 0: expected 0x0000TTDD (two zero bytes, type code TT, ` +
        `dimension count DD), e.g. 0x00000801 (labels) or 0x00000803 (images)`,
    );
  }
  const type = bytes[2];
  if (type !== 0x08) {
    const known = idxTypeNames[type];
    throw new Error(
      `parseIdx: ${name}: unsupported type code 0x${type.toString(16).padStart(2, '0')}` +
        `${known ? ` (${known})` : ''} at byte offset 2: only 0x08 (unsigned byte) is supported`,
    );
  }
  const d = bytes[3];
  if (d === 0) {
    throw new Error(`parseIdx: ${name}: dimension count 0 at byte offset 3: expected 1..255`);
  }
  const headerEnd = 4 + 4 * d;
  if (bytes.length < headerEnd) {
    throw new Error(
      `parseIdx: ${name}: truncated header: ${d} dimension sizes need bytes 4..${headerEnd - 1}, ` +
        `but the file ends at byte offset ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let k = 0; k < d; k++) {
    const size = view.getUint32(4 + 4 * k, false); // big-endian
    dims.push(size);
    count *= size;
  }
  const dataEnd = headerEnd + count;
  if (bytes.length < dataEnd) {
    throw new Error(
      `parseIdx: ${name}: truncated data: dims [${dims.join(', ')}] need ${count} bytes from byte offset ` +
        `${headerEnd} to ${dataEnd}, but the file ends at byte offset ${bytes.length}`,
    );
  }
  if (bytes.length > dataEnd) {
    throw new Error(
      `parseIdx: ${name}: ${bytes.length - dataEnd} unexpected trailing bytes from byte offset ${dataEnd}: ` +
        `dims [${dims.join(', ')}] account for ${count} data bytes after the ${headerEnd}-byte header`,
    );
  }
  return { dims, data: bytes.subarray(headerEnd, dataEnd) };
}
