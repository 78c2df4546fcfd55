import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DamagedRunError, readRunRecords, runTableFiles } from '../../src/records/read-run-records.js';
import { writeRunRecords } from '../../src/records/write-run-records.js';
import { fakeRun } from '../helpers/fake-run.js';

/** The ways a file of a run folder gets damaged: cut short, one byte changed, gone. */
const DAMAGES: Array<[string, (path: string) => void]> = [
  ['truncated', (p) => truncateSync(p, Math.floor(readFileSync(p).length / 2))],
  [
    'one byte edited',
    (p) => {
      const b = readFileSync(p);
      const i = Math.floor(b.length * 0.75); // inside the data rows, past the CSV header / Arrow schema
      b[i] = b[i] === 0x31 ? 0x32 : 0x31; // a digit '1' ↔ '2' (or any byte → '1'): the file size is unchanged
      writeFileSync(p, b);
    },
  ],
  ['deleted', (p) => rmSync(p)],
];

describe('readRunRecords', () => {
  let root = '';
  let pristine = '';
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-read-run-'));
    pristine = join(root, 'pristine');
    await writeRunRecords(pristine, { ...fakeRun(), key: '0c1d2e3f4a5b', codeHash: 'abcdefabcdef' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A fresh copy of the pristine run folder. */
  let copies = 0;
  const copy = () => {
    const dir = join(root, `copy-${copies++}`);
    cpSync(pristine, dir, { recursive: true });
    return dir;
  };

  test('reads an intact run: tables from CSV with the recorded rows, summary with key and code hash', () => {
    const { summary, steps, evals } = readRunRecords(pristine, '0c1d2e3f4a5b');
    assert.equal(steps.numRows(), 3);
    assert.equal(evals.numRows(), 2);
    assert.deepEqual(evals.array('trainLoss'), [3, 1.5]);
    assert.equal(summary.run.key, '0c1d2e3f4a5b');
    assert.equal(summary.run.codeHash, 'abcdefabcdef');
    assert.deepEqual(Object.keys(summary.integrity.files).sort(), [...runTableFiles].sort());
    assert.equal(summary.integrity.files['steps.csv'].rows, 3);
    assert.equal(Object.keys(summary).at(-1), 'integrity', 'the integrity record is written last');
  });

  for (const file of runTableFiles) {
    for (const [how, damage] of DAMAGES) {
      test(`${file} ${how}: a DamagedRunError naming the folder and the file, before any table is used`, () => {
        const dir = copy();
        damage(join(dir, file));
        assert.throws(
          () => readRunRecords(dir),
          (e: unknown) => {
            assert.ok(e instanceof DamagedRunError, String(e));
            assert.equal(e.dir, dir);
            assert.equal(e.file, file);
            assert.match(e.message, new RegExp(`^damaged run ${dir}: ${file.replace('.', '\\.')} `));
            assert.match(e.message, /delete the folder; it will retrain/);
            return true;
          },
        );
      });
    }
  }

  test('summary.json: truncated, {}, no integrity record (older kit), an edited value, another key', () => {
    const cases: Array<[string, (s: string) => string, RegExp]> = [
      ['truncated', (s) => s.slice(0, 200), /summary\.json is not valid JSON, truncated or edited \(/],
      ['{}', () => '{}', /summary\.json holds none of the keys of a run summary/],
      ['null', () => 'null', /summary\.json holds null, not a run summary object/],
      [
        'legacy',
        (s) => {
          const o = JSON.parse(s);
          delete o.integrity;
          delete o.run;
          return JSON.stringify(o);
        },
        /summary\.json has no integrity record \(written by an older kit, or by hand\)/,
      ],
      [
        'edited final metric',
        (s) => s.replace('"trainLoss": 1.5', '"trainLoss": 1.25'),
        /summary\.json was edited or damaged: its content does not match its integrity record/,
      ],
      [
        'edited config cell',
        (s) => s.replace('"seed": 7', '"seed": "7"'),
        /summary\.json was edited or damaged/,
      ],
    ];
    for (const [name, edit, message] of cases) {
      const dir = copy();
      const path = join(dir, 'summary.json');
      const before = readFileSync(path, 'utf8');
      const after = edit(before);
      assert.notEqual(after, before, `${name}: the edit changes the file`);
      writeFileSync(path, after);
      assert.throws(() => readRunRecords(dir), message, name);
      assert.throws(() => readRunRecords(dir), /delete the folder; it will retrain/, name);
    }
    assert.throws(
      () => readRunRecords(pristine, 'ffffffffffff'),
      /summary\.json is of run key 0c1d2e3f4a5b, not ffffffffffff/,
    );
  });

  test('a CSV cell edited to another valid number is caught (same size, new hash)', () => {
    const dir = copy();
    const path = join(dir, 'evals.csv');
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes(',1.5,'), text);
    writeFileSync(path, text.replace(',1.5,', ',2.5,'));
    assert.throws(() => readRunRecords(dir), /evals\.csv was edited or damaged: its SHA-256 does not match/);
  });
});
