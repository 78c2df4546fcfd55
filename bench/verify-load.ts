/**
 * `npx tsx bench/verify-load.ts [--epochs 100] [--repeats 30]`: cost of verifying a run folder on a warm load.
 * Trains one poly6 run (method 'is', cpu backend) with `runOrLoad`, then times, alternating, `repeats` loads of
 * its folder two ways: the reading alone (summary.json parsed, steps.csv and evals.csv parsed, as loads were
 * before integrity records) and `readRunRecords` (the same reading plus the size and SHA-256 of every table file,
 * the summary's content hash and the row counts). Prints one JSON line with the medians and their ratio.
 */
import '../src/builtins.js';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromCSV } from 'arquero';
import { runOrLoad } from '../src/experiments/run-or-load.js';
import { readRunRecords, runTableFiles } from '../src/records/read-run-records.js';

const { values } = parseArgs({
  options: { epochs: { type: 'string', default: '100' }, repeats: { type: 'string', default: '30' } },
  strict: true,
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

const root = mkdtempSync(join(tmpdir(), 'isgrad-bench-verify-'));
try {
  const opts = {
    task: 'poly6',
    method: 'is',
    seed: 1,
    epochs: Number(values.epochs),
    backend: 'cpu' as const,
  };
  const { dir } = await runOrLoad(opts, root);
  const readOnly = () => {
    JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    return [
      fromCSV(readFileSync(join(dir, 'steps.csv'), 'utf8')),
      fromCSV(readFileSync(join(dir, 'evals.csv'), 'utf8')),
    ];
  };
  const verified = () => readRunRecords(dir);
  readOnly(); // warm: file cache and JIT
  verified();
  const plain: number[] = [];
  const checked: number[] = [];
  for (let i = 0; i < Number(values.repeats); i++) {
    let t = performance.now();
    readOnly();
    plain.push(performance.now() - t);
    t = performance.now();
    verified();
    checked.push(performance.now() - t);
  }
  const bytes = Object.fromEntries(runTableFiles.map((f) => [f, statSync(join(dir, f)).size]));
  const msRead = median(plain);
  const msVerified = median(checked);
  console.log(
    JSON.stringify({
      run: 'poly6/is',
      epochs: opts.epochs,
      bytes,
      repeats: plain.length,
      msReadOnly: Number(msRead.toFixed(2)),
      msVerified: Number(msVerified.toFixed(2)),
      ratio: Number((msVerified / msRead).toFixed(2)),
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
