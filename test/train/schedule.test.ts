import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { learningRateAt, scheduleDefaults } from '../../src/train/schedule.js';

describe('learningRateAt', () => {
  test('constant', () => {
    assert.equal(learningRateAt({ ...scheduleDefaults, lr: 0.3 }, 123, 1000, 4), 0.3);
  });
  test('step: ×gamma at each milestone epoch (AS-IS: ÷10 at 100 and 200)', () => {
    const o = { ...scheduleDefaults, schedule: 'step' as const, lr: 0.01, milestones: [100, 200] };
    assert.equal(learningRateAt(o, 0, 1, 99), 0.01);
    assert.ok(Math.abs(learningRateAt(o, 0, 1, 100) - 0.001) < 1e-15);
    assert.ok(Math.abs(learningRateAt(o, 0, 1, 250) - 0.0001) < 1e-15);
  });
  test('cosine: η0 at 0, η0/2 at T/2, 0 at T', () => {
    const o = { ...scheduleDefaults, schedule: 'cosine' as const, lr: 0.1 };
    assert.equal(learningRateAt(o, 0, 100, 0), 0.1);
    assert.ok(Math.abs(learningRateAt(o, 50, 100, 0) - 0.05) < 1e-15);
    assert.ok(Math.abs(learningRateAt(o, 100, 100, 0)) < 1e-15);
  });
});
