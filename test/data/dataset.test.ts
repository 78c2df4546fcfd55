import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateDataset, type Dataset } from '../../src/data/dataset.js';

/** 4 samples of 3 features, labels in 0..2. */
function classes(): Dataset {
  return {
    name: 'tiny',
    n: 4,
    xShape: [3],
    x: Float32Array.from({ length: 12 }, (_, k) => k / 10),
    yShape: [],
    y: Int32Array.of(0, 1, 2, 1),
    numClasses: 3,
  };
}

/** 3 samples of 2 features with 2-dimensional real targets. */
function regression(): Dataset {
  return {
    name: 'reg',
    n: 3,
    xShape: [2],
    x: new Float32Array(6).fill(1),
    yShape: [2],
    y: new Float32Array(6).fill(0.5),
  };
}

describe('validateDataset: shapes, finiteness, label range (one pass)', () => {
  it('accepts valid classification and regression data and returns it', () => {
    const c = classes();
    assert.equal(validateDataset(c), c);
    assert.equal(validateDataset(regression(), 'test set of task t').name, 'reg');
  });

  it('rejects a label outside 0..C−1, naming the dataset, the row and the value', () => {
    const c = { ...classes(), y: Int32Array.of(0, 1, 7, 1) };
    assert.throws(
      () => validateDataset(c, 'train set of task toy'),
      /^Error: dataset tiny \(train set of task toy\): label at row 2 is 7; labels must be integers in 0\.\.2 \(numClasses = 3\)$/,
    );
    assert.throws(
      () => validateDataset({ ...classes(), y: Int32Array.of(0, -1, 1, 1) }),
      /dataset tiny: label at row 1 is -1; labels must be integers in 0\.\.2/,
    );
    // without numClasses a label must still be ≥ 0
    const { numClasses: _unused, ...noC } = classes();
    assert.throws(
      () => validateDataset({ ...noC, y: Int32Array.of(0, 1, 2, -3) }),
      /label at row 3 is -3; labels must be integers ≥ 0/,
    );
    assert.throws(
      () => validateDataset({ ...classes(), numClasses: 0 }),
      /numClasses must be an integer ≥ 1, got 0/,
    );
  });

  it('rejects non-finite inputs and targets, naming the row, the column and the value', () => {
    const x = classes().x.slice();
    x[7] = Number.NaN; // row 2, column 1
    assert.throws(
      () => validateDataset({ ...classes(), x }, 'train set of task toy'),
      /^Error: dataset tiny \(train set of task toy\): non-finite input at row 2 \(x\[2, 1\] = NaN\)/,
    );
    const y = regression().y.slice();
    y[3] = Number.POSITIVE_INFINITY; // row 1, column 1
    assert.throws(
      () => validateDataset({ ...regression(), y }),
      /^Error: dataset reg: non-finite target at row 1 \(y\[1, 1\] = Infinity\)/,
    );
  });

  it('rejects arrays shorter or longer than n · prod(shape) (no zero-filled rows)', () => {
    assert.throws(
      () => validateDataset({ ...classes(), x: new Float32Array(11) }),
      /dataset tiny: x has 11 values, expected n·prod\(xShape\) = 4·3 = 12/,
    );
    assert.throws(
      () => validateDataset({ ...regression(), y: new Float32Array(7) }),
      /dataset reg: y has 7 values, expected n·prod\(yShape\) = 3·2 = 6/,
    );
    assert.throws(
      () => validateDataset({ ...classes(), y: Float32Array.of(0, 1, 2, 1) }),
      /class labels \(yShape = \[\]\) must be an Int32Array/,
    );
    assert.throws(() => validateDataset({ ...classes(), n: 0 }), /n must be an integer ≥ 1, got 0/);
  });
});
