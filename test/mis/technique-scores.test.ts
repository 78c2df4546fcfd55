import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coefficientGroups, techniqueScores } from '../../src/mis/technique-scores.js';
import { assertAllClose } from '../helpers/reference.js';

const TOL = { rtol: 1e-12, atol: 0 };

describe('coefficientGroups', () => {
  it('splits contiguously, larger groups first', () => {
    assert.deepEqual([...coefficientGroups(7, 2)], [0, 4, 7]);
    assert.deepEqual([...coefficientGroups(7, 4)], [0, 2, 4, 6, 7]);
    assert.deepEqual([...coefficientGroups(7, 7)], [0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it('rejects J larger than the coefficients', () => {
    assert.throws(
      () => coefficientGroups(7, 8),
      /J = 8 is larger than the available coefficient groups.*allowed J: 1\.\.7/,
    );
    assert.throws(() => coefficientGroups(7, 0), /J = 0/);
  });
});

describe('techniqueScores', () => {
  it('scalar output: |u| times the group norm of [1, h]', () => {
    // B = 1, u = 2, h = [3, 4], J = 2 → groups {1, 3} and {4}: [2·√10, 8]
    const { scores, K } = techniqueScores(Float32Array.of(2), Float32Array.of(3, 4), 1, 2);
    assert.equal(K, 2);
    assertAllClose(scores, [2 * Math.sqrt(10), 8], TOL, 'scores');
  });
  it('J = 1 on a scalar output is the exact per-sample gradient norm |u|·sqrt(1 + ‖h‖²)', () => {
    const { scores } = techniqueScores(Float32Array.of(-0.5, 1), Float32Array.of(1, 2, 0, 0), 1, 1);
    assertAllClose(scores, [0.5 * Math.sqrt(6), 1], TOL, 'scores');
  });
  it('several outputs: |u| per node, K = C', () => {
    const { scores, K } = techniqueScores(Float32Array.of(-1, 2, 0.5, 0, -3, 1), undefined, 3, 2);
    assert.equal(K, 3);
    assertAllClose(scores, [1, 2, 0.5, 0, 3, 1], TOL, 'scores');
  });
  it('J larger than the available outputs is an error', () => {
    assert.throws(
      () => techniqueScores(new Float32Array(6), undefined, 3, 4),
      /J = 4 is larger than the available outputs.*C = 3.*1\.\.3/,
    );
    assert.throws(() => techniqueScores(new Float32Array(2), new Float32Array(12), 1, 8), /J = 8 is larger/);
    assert.throws(
      () => techniqueScores(new Float32Array(2), undefined, 1, 1),
      /needs the last-layer input h/,
    );
  });
});
