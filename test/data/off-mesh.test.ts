import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeToUnitSphere, parseOff, samplePointsOnMesh } from '../../src/data/off-mesh.js';
import { createRng } from '../../src/random/rng.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Unit square in the z = 0 plane as one quad (indices 0..3), plus a comment and a blank line. */
const square = 'OFF\n# a unit square\n4 1 0\n\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3\n';

describe('parseOff', () => {
  it('reads header, counts, vertices and a polygon face', () => {
    const m = parseOff(enc(square), 'square.off');
    assert.equal(m.numVertices, 4);
    assert.equal(m.numFaces, 1);
    assert.deepEqual(Array.from(m.vertices), [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]);
    assert.deepEqual(Array.from(m.faceStarts), [0, 4]);
    assert.deepEqual(Array.from(m.faceIndices), [0, 1, 2, 3]);
  });

  it('accepts the ModelNet quirk: counts on the header line (OFF490 518 0), CRLF and extra columns', () => {
    const quirk = 'OFF3 1 0\r\n0 0 0\r\n2 0 0 255 0 0\r\n0 2 0\r\n3 0 1 2 9 9 9\r\n';
    const m = parseOff(enc(quirk), 'quirk.off');
    assert.equal(m.numVertices, 3);
    assert.deepEqual(Array.from(m.vertices), [0, 0, 0, 2, 0, 0, 0, 2, 0]);
    assert.deepEqual(Array.from(m.faceIndices), [0, 1, 2]);
    const spaced = parseOff(enc('OFF 3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n'), 'spaced.off');
    assert.equal(spaced.numFaces, 1);
  });

  it('errors name the file, the line and its byte offset', () => {
    assert.throws(() => parseOff(enc(''), 'empty.off'), /parseOff: empty\.off: end of file at byte offset 0: empty file/);
    assert.throws(
      () => parseOff(enc('PLY\n'), 'a.off'),
      /a\.off: line 1 \(byte offset 0\): expected the header 'OFF', got 'PLY'/,
    );
    assert.throws(() => parseOff(enc('OFF\nx 1 0\n'), 'b.off'), /b\.off: line 2 \(byte offset 4\): expected counts 'V F E'/);
    // 'OFF\n' (4) + '3 1 0\n' (6) + '0 0 0\n' (6) = byte 16 starts line 4, the bad vertex.
    assert.throws(
      () => parseOff(enc('OFF\n3 1 0\n0 0 0\n1 zz 0\n0 1 0\n3 0 1 2\n'), 'c.off'),
      /c\.off: line 4 \(byte offset 16\): vertex 1: expected 3 finite numbers/,
    );
    assert.throws(
      () => parseOff(enc('OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n'), 'd.off'),
      /d\.off: line 6 \(byte offset 28\): face 0: vertex index '7' is not an integer in 0\.\.2/,
    );
    assert.throws(
      () => parseOff(enc('OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n2 0 1\n'), 'e.off'),
      /e\.off: line 6 \(byte offset 28\): face 0: expected 'k i_1 … i_k' with k ≥ 3/,
    );
  });

  it('a truncated file names the end-of-file byte offset and the announced counts', () => {
    const full = 'OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n';
    const cut = full.slice(0, 22); // ends inside the vertex block
    assert.throws(
      () => parseOff(enc(cut), 'cut.off'),
      /cut\.off: end of file at byte offset 22 .*truncated: the header announces 3 vertices and 1 faces/,
    );
  });
});

describe('samplePointsOnMesh', () => {
  it('points lie on the surface, uniformly by area (two triangles of areas 1/2 and 3/2)', () => {
    // Triangle A in z = 0 with area 0.5; triangle B in z = 1 with area 1.5 (legs 1 and 3).
    const off = 'OFF\n6 2 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 1\n0 1 1\n3 0 1 2\n3 3 4 5\n';
    const mesh = parseOff(enc(off), 'two.off');
    const N = 20000;
    const pts = samplePointsOnMesh(mesh, N, createRng(7));
    let onB = 0;
    for (let p = 0; p < N; p++) {
      const [x, y, z] = [pts[3 * p], pts[3 * p + 1], pts[3 * p + 2]];
      const plane = z === 0 ? 1 : z === 1 ? 3 : NaN; // leg length of the triangle in that plane
      if (!(x >= 0 && y >= 0 && x + y <= plane * (1 + 1e-6))) assert.fail(`point ${p} (${x}, ${y}, ${z}) off the mesh`);
      if (z === 1) onB += 1;
    }
    // P(B) = 1.5 / 2 = 0.75; binomial sd sqrt(0.75·0.25/N) ≈ 0.0031; band 5 sd.
    const TOL = 5 * Math.sqrt((0.75 * 0.25) / N);
    assert.ok(Math.abs(onB / N - 0.75) < TOL, `fraction on B ${onB / N}, expected 0.75 ± ${TOL}`);
  });

  it('fan-triangulates polygons: a unit-square quad gives a uniform x mean of 1/2 and y mean of 1/2', () => {
    const mesh = parseOff(enc(square), 'square.off');
    const N = 20000;
    const pts = samplePointsOnMesh(mesh, N, createRng(3));
    let mx = 0;
    let my = 0;
    let lowerRight = 0;
    for (let p = 0; p < N; p++) {
      mx += pts[3 * p] / N;
      my += pts[3 * p + 1] / N;
      if (pts[3 * p] > pts[3 * p + 1]) lowerRight += 1;
    }
    // Uniform on [0,1]²: mean 1/2 with sd sqrt(1/12/N) ≈ 0.002; each fan triangle holds half the points.
    const TOL = 0.01;
    assert.ok(Math.abs(mx - 0.5) < TOL && Math.abs(my - 0.5) < TOL, `means (${mx}, ${my}), expected 0.5 ± ${TOL}`);
    assert.ok(Math.abs(lowerRight / N - 0.5) < TOL, `lower-right fraction ${lowerRight / N}`);
  });

  it('is deterministic for a seed and rejects bad input', () => {
    const mesh = parseOff(enc(square), 'square.off');
    assert.deepEqual(samplePointsOnMesh(mesh, 8, createRng(1)), samplePointsOnMesh(mesh, 8, createRng(1)));
    assert.notDeepEqual(samplePointsOnMesh(mesh, 8, createRng(1)), samplePointsOnMesh(mesh, 8, createRng(2)));
    assert.throws(() => samplePointsOnMesh(mesh, 0, createRng(1)), /n must be a positive integer, got 0/);
    const flat = parseOff(enc('OFF\n3 1 0\n0 0 0\n1 0 0\n2 0 0\n3 0 1 2\n'), 'flat.off');
    assert.throws(() => samplePointsOnMesh(flat, 4, createRng(1)), /total area 0; need area > 0/);
  });
});

describe('normalizeToUnitSphere', () => {
  it('centres at the centroid and puts the farthest point at radius 1', () => {
    const pts = normalizeToUnitSphere(Float32Array.of(1, 1, 1, 3, 1, 1, 2, 2, 1));
    // centroid (2, 4/3, 1); farthest distance sqrt(1 + 1/9) from (1,1,1) and (3,1,1).
    const r = Math.sqrt(1 + 1 / 9);
    const expected = [-1 / r, -1 / 3 / r, 0, 1 / r, -1 / 3 / r, 0, 0, 2 / 3 / r, 0];
    const TOL = 1e-6; // float32 storage
    expected.forEach((e, i) => assert.ok(Math.abs(pts[i] - e) < TOL, `index ${i}: ${pts[i]} vs ${e}`));
    assert.deepEqual(Array.from(normalizeToUnitSphere(Float32Array.of(2, 2, 2))), [0, 0, 0]);
    assert.throws(() => normalizeToUnitSphere(new Float32Array(4)), /3·n > 0 values, got 4/);
  });
});
