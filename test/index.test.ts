import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as isgrad from '../src/index.js';

describe('public API (src/index.ts)', () => {
  test('exports the entry points notebooks and scripts use', () => {
    for (const name of [
      'train',
      'createTrainer',
      'setupBackend',
      'createRng',
      'runTables',
      'runOrLoad',
      'lineBandFigure',
      'writeFigureHtml',
      'reproduce',
      'SumTree',
      'createMemorySampler',
      'createOmisEstimator',
      'createEmaisSampler',
      'withDiagnostics',
      'runComparison',
    ]) {
      assert.equal(typeof (isgrad as Record<string, unknown>)[name], 'function', `missing export ${name}`);
    }
  });

  test('importing the package registers every task and method', () => {
    assert.ok(isgrad.taskNames().includes('image-siren') && isgrad.taskNames().includes('pointcloud'));
    for (const m of [
      'uniform',
      'is',
      'as',
      'mis-bh',
      'omis',
      'exact',
      'emais',
      'dlis',
      'low',
      'rais',
      'lis',
    ]) {
      assert.ok(isgrad.methodNames().includes(m), `method ${m} not registered`);
    }
  });
});
