import '../../src/builtins.js';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupBackend } from '../../src/backend/setup-backend.js';
import type { Dataset } from '../../src/data/dataset.js';
import { getTask, registerTask } from '../../src/tasks/registry.js';
import type { TaskInstance } from '../../src/tasks/types.js';
import { createTrainer } from '../../src/train/trainer.js';
import { train } from '../../src/train/train.js';

/** Registers task `name`: toy2d whose data `edit` changes after it is built (a user's custom dataset). */
function registerEdited(name: string, edit: (t: TaskInstance) => { train: Dataset; test?: Dataset }): void {
  const toy = getTask('toy2d');
  registerTask(
    {
      ...toy,
      name,
      async create(o) {
        const t = await toy.create(o);
        return { ...t, ...edit(t) };
      },
    },
    { override: true },
  );
}

describe('createTrainer validates the data a task hands in (train and test sets)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it("a label outside the task's classes is an error, not a zero one-hot row", async () => {
    registerEdited('bad-label', (t) => {
      const y = (t.train.y as Int32Array).slice();
      y[5] = 7; // toy2d has 3 classes
      return { train: { ...t.train, y } };
    });
    await assert.rejects(
      train({ task: 'bad-label', method: 'uniform', epochs: 1, backend: 'cpu' }),
      /dataset toy2d-train \(train set of task bad-label\): label at row 5 is 7; labels must be integers in 0\.\.2/,
    );
  });

  it('a NaN feature says "non-finite input at row i", not "lower the learning rate"', async () => {
    registerEdited('nan-feature', (t) => {
      const x = t.test!.x.slice();
      x[2 * 3 + 1] = Number.NaN; // row 3, column 1 of the 2-feature test set
      return { train: t.train, test: { ...t.test!, x } };
    });
    await assert.rejects(createTrainer({ task: 'nan-feature', method: 'is', backend: 'cpu' }), (e: Error) => {
      assert.match(
        e.message,
        /^dataset toy2d-test \(test set of task nan-feature\): non-finite input at row 3 \(x\[3, 1\] = NaN\)/,
      );
      assert.doesNotMatch(e.message, /learning rate/);
      return true;
    });
  });

  it('an x shorter than n · d is an error, not zero-filled rows', async () => {
    registerEdited('short-x', (t) => ({
      train: { ...t.train, x: t.train.x.subarray(0, t.train.x.length - 2) },
    }));
    await assert.rejects(
      createTrainer({ task: 'short-x', method: 'uniform', backend: 'cpu' }),
      /dataset toy2d-train \(train set of task short-x\): x has \d+ values, expected n·prod\(xShape\)/,
    );
  });
});
