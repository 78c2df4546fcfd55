import type { Rng } from '../random/rng.js';
import { drawFromCdf } from '../random/sample-cdf.js';

/**
 * A polygon mesh read from an OFF file. Faces are stored in compressed rows: face f has the vertex indices
 * `faceIndices[faceStarts[f] .. faceStarts[f + 1] − 1]`.
 */
export interface OffMesh {
  /** Vertex coordinates, (V, 3) row-major, float64 as written in the file. */
  vertices: Float64Array;
  /** Number of vertices V. */
  numVertices: number;
  /** Number of faces F. */
  numFaces: number;
  /** Start of each face in `faceIndices`, length F + 1 (the last entry is the total). */
  faceStarts: Int32Array;
  /** Vertex indices of all faces, concatenated (each face has ≥ 3). */
  faceIndices: Int32Array;
}

/** One non-empty line of the file, comments removed, with its 1-based line number and byte offset. */
interface Line {
  text: string;
  line: number;
  offset: number;
}

/** Non-empty lines of `text`; `#` starts a comment (OFF convention). Offsets are bytes (latin1 text). */
function dataLines(text: string): Line[] {
  const out: Line[] = [];
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const hash = text.indexOf('#', offset);
    const stop = hash >= 0 && hash < end ? hash : end;
    const body = text.slice(offset, stop).trim();
    if (body !== '') out.push({ text: body, line, offset });
    offset = end + 1;
    line += 1;
  }
  return out;
}

/**
 * Parses a mesh in the Object File Format (OFF), the format of ModelNet10/40 (Wu et al., 2015).
 *
 * Layout: a header line `OFF`, a line `V F E` (vertex, face and edge counts; E is ignored), V lines `x y z`
 * (extra columns such as colours are ignored), F lines `k i_1 … i_k` (a polygon of k ≥ 3 vertices, 0-based
 * indices; extra columns after the k indices are ignored). `#` starts a comment; blank lines are skipped.
 * ModelNet quirk: in many ModelNet40 files the counts follow `OFF` on the same line (`OFF490 518 0`); both
 * forms are accepted. Malformed or truncated input throws an Error naming `name`, the 1-based line and the
 * byte offset of that line, and what was expected there.
 *
 * @param buf file contents (ASCII).
 * @param name file name used in error messages.
 * @returns the {@link OffMesh}.
 * @example
 * const mesh = parseOff(readFileSync('airplane_0001.off'), 'airplane_0001.off');
 * mesh.numVertices; // e.g. 90714
 */
export function parseOff(buf: Uint8Array, name: string): OffMesh {
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  const lines = dataLines(text);
  const where = (l: Line) => `${name}: line ${l.line} (byte offset ${l.offset})`;
  const eof = () => `${name}: end of file at byte offset ${text.length}`;
  if (lines.length === 0) throw new Error(`parseOff: ${eof()}: empty file, expected the header 'OFF'`);
  const head = lines[0];
  if (!head.text.startsWith('OFF')) {
    throw new Error(
      `parseOff: ${where(head)}: expected the header 'OFF', got '${head.text.slice(0, 40)}'` +
        ` (COFF, NOFF and binary OFF are not supported)`,
    );
  }
  let next = 1;
  let countsLine: Line;
  const rest = head.text.slice(3).trim();
  if (rest !== '') {
    countsLine = { text: rest, line: head.line, offset: head.offset }; // ModelNet quirk: 'OFF490 518 0'
  } else {
    if (lines.length < 2) throw new Error(`parseOff: ${eof()}: expected the counts line 'V F E'`);
    countsLine = lines[1];
    next = 2;
  }
  const counts = countsLine.text.split(/\s+/);
  const V = Number(counts[0]);
  const F = Number(counts[1]);
  if (counts.length < 2 || !Number.isInteger(V) || !Number.isInteger(F) || V < 1 || F < 0) {
    throw new Error(
      `parseOff: ${where(countsLine)}: expected counts 'V F E' with integers V ≥ 1, F ≥ 0, got '${countsLine.text}'`,
    );
  }
  if (lines.length < next + V + F) {
    throw new Error(
      `parseOff: ${eof()} (line ${text.split('\n').length}): truncated: the header announces ${V} vertices and ` +
        `${F} faces (${V + F} lines), but only ${lines.length - next} data lines follow`,
    );
  }
  const vertices = new Float64Array(V * 3); // (V, 3)
  for (let v = 0; v < V; v++) {
    const l = lines[next + v];
    const t = l.text.split(/\s+/);
    for (let k = 0; k < 3; k++) {
      const value = Number(t[k]);
      if (t.length < 3 || !Number.isFinite(value)) {
        throw new Error(`parseOff: ${where(l)}: vertex ${v}: expected 3 finite numbers 'x y z', got '${l.text}'`);
      }
      vertices[3 * v + k] = value;
    }
  }
  next += V;
  const faceStarts = new Int32Array(F + 1);
  const indices: number[] = [];
  for (let f = 0; f < F; f++) {
    const l = lines[next + f];
    const t = l.text.split(/\s+/);
    const k = Number(t[0]);
    if (!Number.isInteger(k) || k < 3 || t.length < k + 1) {
      throw new Error(
        `parseOff: ${where(l)}: face ${f}: expected 'k i_1 … i_k' with k ≥ 3 and k indices, got '${l.text}'`,
      );
    }
    for (let j = 1; j <= k; j++) {
      const i = Number(t[j]);
      if (!Number.isInteger(i) || i < 0 || i >= V) {
        throw new Error(
          `parseOff: ${where(l)}: face ${f}: vertex index '${t[j]}' is not an integer in 0..${V - 1}`,
        );
      }
      indices.push(i);
    }
    faceStarts[f + 1] = indices.length;
  }
  return { vertices, numVertices: V, numFaces: F, faceStarts, faceIndices: Int32Array.from(indices) };
}

/**
 * Draws `n` points uniformly on the surface of a mesh: polygons are fan-triangulated (v_0, v_j, v_{j+1}),
 * a triangle is chosen with probability ∝ its area (binary search in the cumulative areas), and a point
 * inside it by the square-root rule p = (1 − √r_1) a + √r_1 (1 − r_2) b + √r_1 r_2 c (Osada et al., 2002,
 * "Shape distributions", Eq. 1), which is uniform on the triangle.
 *
 * @param mesh a parsed mesh with at least one face of non-zero area.
 * @param n number of points (positive integer).
 * @param rng the kit's seeded generator; 3n draws are consumed.
 * @returns points (n, 3) row-major, float32.
 * @example
 * const pts = samplePointsOnMesh(mesh, 1024, createRng(0)); // (1024, 3)
 */
export function samplePointsOnMesh(mesh: OffMesh, n: number, rng: Rng): Float32Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`samplePointsOnMesh: n must be a positive integer, got ${n}`);
  const { vertices: X, faceStarts, faceIndices } = mesh;
  const tris: number[] = [];
  for (let f = 0; f < mesh.numFaces; f++) {
    const s = faceStarts[f];
    for (let j = s + 1; j + 1 < faceStarts[f + 1]; j++) tris.push(faceIndices[s], faceIndices[j], faceIndices[j + 1]);
  }
  const T = tris.length / 3;
  const cum = new Float64Array(T); // cumulative areas
  let total = 0;
  for (let t = 0; t < T; t++) {
    const [a, b, c] = [3 * tris[3 * t], 3 * tris[3 * t + 1], 3 * tris[3 * t + 2]];
    const u = [X[b] - X[a], X[b + 1] - X[a + 1], X[b + 2] - X[a + 2]];
    const v = [X[c] - X[a], X[c + 1] - X[a + 1], X[c + 2] - X[a + 2]];
    const cx = u[1] * v[2] - u[2] * v[1];
    const cy = u[2] * v[0] - u[0] * v[2];
    const cz = u[0] * v[1] - u[1] * v[0];
    total += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz); // area = ½‖u × v‖
    cum[t] = total;
  }
  if (!(total > 0)) {
    throw new Error(`samplePointsOnMesh: the mesh has ${mesh.numFaces} faces and total area ${total}; need area > 0`);
  }
  const out = new Float32Array(n * 3); // (n, 3)
  for (let p = 0; p < n; p++) {
    const t = drawFromCdf(cum, rng); // triangle ∝ area (cum[T − 1] = total)
    const [a, b, c] = [3 * tris[3 * t], 3 * tris[3 * t + 1], 3 * tris[3 * t + 2]];
    const s1 = Math.sqrt(rng.next());
    const r2 = rng.next();
    const wa = 1 - s1;
    const wb = s1 * (1 - r2);
    const wc = s1 * r2;
    for (let k = 0; k < 3; k++) out[3 * p + k] = wa * X[a + k] + wb * X[b + k] + wc * X[c + k];
  }
  return out;
}

/**
 * Centres a point cloud at its centroid and scales it so that the farthest point lies on the unit sphere (the
 * normalisation of the PointNet ModelNet40 pipeline, Qi et al., 2017). Works in place and returns `points`.
 * A cloud whose points all coincide is only centred.
 *
 * @param points (n, 3) row-major.
 * @returns the same array, normalised: mean 0, max ‖p‖ = 1.
 * @example
 * normalizeToUnitSphere(Float32Array.of(0, 0, 0, 2, 0, 0)); // [-1, 0, 0, 1, 0, 0]
 */
export function normalizeToUnitSphere(points: Float32Array): Float32Array {
  if (points.length % 3 !== 0 || points.length === 0) {
    throw new Error(`normalizeToUnitSphere: points must have 3·n > 0 values, got ${points.length}`);
  }
  const n = points.length / 3;
  const mean = [0, 0, 0];
  for (let p = 0; p < n; p++) for (let k = 0; k < 3; k++) mean[k] += points[3 * p + k] / n;
  let r = 0;
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += (points[3 * p + k] - mean[k]) ** 2;
    r = Math.max(r, Math.sqrt(s));
  }
  const scale = r > 0 ? 1 / r : 1;
  for (let p = 0; p < n; p++) for (let k = 0; k < 3; k++) points[3 * p + k] = (points[3 * p + k] - mean[k]) * scale;
  return points;
}
