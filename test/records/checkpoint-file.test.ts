import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkpointPath,
  cleanCheckpointTemps,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
  type CheckpointBody,
} from '../../src/records/checkpoint-file.js';

const KEY = '0123456789ab';
const body: CheckpointBody = { key: KEY, step: 7, trainer: { kind: 'trainer', state: {} }, records: [] };

describe('checkpoint files', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-ckfile-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('lives beside the run directory, named by the run key', () => {
    assert.equal(checkpointPath(join(root, 'run'), KEY), join(root, `run.checkpoint-${KEY}`));
  });

  test('round trip: a SHA-256 header line, then the JSON body; absent = null', () => {
    const path = checkpointPath(join(root, 'a'), KEY);
    assert.equal(readCheckpoint(path, KEY), null);
    writeCheckpoint(path, body);
    assert.match(
      readFileSync(path, 'utf8'),
      /^isgrad-checkpoint v1 sha256=[0-9a-f]{64}\n\{"key":"0123456789ab"/,
    );
    assert.deepEqual(readCheckpoint(path, KEY), { body });
    assert.deepEqual(readdirSync(root), [`a.checkpoint-${KEY}`], 'no temporary left after the rename');
    removeCheckpoint(path);
    assert.equal(existsSync(path), false);
    removeCheckpoint(path); // no error when absent
  });

  test('truncated, edited, header-less or of another key: a problem, not a crash', () => {
    const path = checkpointPath(join(root, 'b'), KEY);
    writeCheckpoint(path, body);
    const text = readFileSync(path, 'utf8');
    const problem = (t: string, key = KEY) => {
      writeFileSync(path, t);
      const r = readCheckpoint(path, key);
      assert.ok(r !== null && 'problem' in r, `expected a problem for ${JSON.stringify(t.slice(0, 40))}`);
      return r.problem;
    };
    assert.match(problem(text.slice(0, text.length - 3)), /checksum does not match/);
    assert.match(problem(text.slice(0, 30)), /header is missing or damaged/);
    assert.match(problem(text.replace('"step":7', '"step":8')), /checksum does not match/);
    assert.match(problem(''), /header is missing/);
    assert.match(problem(text, 'ffffffffffff'), /belongs to run key 0123456789ab, not ffffffffffff/);
  });

  test('temporaries of dead writers are removed, a live writer’s are kept', () => {
    const path = checkpointPath(join(root, 'c'), KEY);
    const dead = `c.checkpoint-${KEY}.tmp-999999999-abcd`; // no such process
    const live = `c.checkpoint-${KEY}.tmp-${process.pid}-abcd`;
    writeFileSync(join(root, dead), 'x');
    writeFileSync(join(root, live), 'x');
    assert.deepEqual(cleanCheckpointTemps(path), [dead]);
    assert.ok(existsSync(join(root, live)));
    rmSync(join(root, live));
  });
});
