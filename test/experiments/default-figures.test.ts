import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultFigureDigests,
  defaultPlans,
  type DefaultPlans,
  type FigureDigest,
} from './fixtures/default-figures.js';

// The figures of core, mis and asis-fig8 at their default settings, made by the kit before they became figure
// specs (fixtures/default-figures.json, made by fixtures/default-figures-make.ts): the same plans (so the same
// run keys: a warm results folder stays warm) and, from the same hand-made records, the same {data, layout}
// (sha-256 of the JSON rounded to 10 significant digits) and the same captions.
const pinned = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'default-figures.json'), 'utf8'),
) as {
  plans: DefaultPlans;
  figures: FigureDigest[];
};

describe('the default figures of core, mis and asis-fig8', () => {
  test('plan the same runs and measurements as before they were figure specs', () => {
    assert.deepEqual(defaultPlans(), pinned.plans);
  });

  test('write the same files, titles, captions and {data, layout} from the same records', async () => {
    const now = await defaultFigureDigests(pinned.plans);
    assert.deepEqual(
      now.map((f) => f.file),
      pinned.figures.map((f) => f.file),
    );
    for (const [i, f] of now.entries()) {
      assert.equal(f.title, pinned.figures[i].title, `title of ${f.file}`);
      assert.equal(f.caption, pinned.figures[i].caption, `caption of ${f.file}`);
      assert.equal(f.sha256, pinned.figures[i].sha256, `{data, layout} of ${f.file}`);
    }
  });
});
