import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathUnder } from '../../src/records/path-under.js';

describe('pathUnder', () => {
  test('joins names under the root; a name leaving it (.., absolute, the root itself) is an error naming it', () => {
    assert.equal(pathUnder('results', 'poly6', 'is-s1-abc'), join('results', 'poly6', 'is-s1-abc'));
    assert.equal(pathUnder('/r', 'a..b'), '/r/a..b', "'..' inside a name is no parent step");
    for (const parts of [['../../ESCAPED'], ['poly6', '../../x'], ['..'], ['.'], ['a/../..']]) {
      assert.throws(
        () => pathUnder('results', ...parts),
        new RegExp(
          `^Error: the path built from .* is .*, which is not inside ${resolve('results')}; names must not hold`,
        ),
        JSON.stringify(parts),
      );
    }
    assert.equal(pathUnder('/r', '/etc'), '/r/etc', 'join reads a leading / of a part as relative');
  });
});
