// Runs every test/**/*.test.ts with node's test runner (tsx transpiles TypeScript).
// Node 20's runner does not expand globs and only discovers *.js by default, hence this file.
// Timing-sensitive tests (they compare CPU and wall-clock time with and without competing processes) run in a
// second pass on their own, so that the other test files do not compete with them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ALONE = [join('test', 'sweep', 'cpu-time.test.ts')];

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}
function run(files, concurrency) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
    { stdio: 'inherit', env: { ...process.env, ISGRAD_QUIET: '1' } },
  );
  return r.status ?? 1;
}
const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
const together = files.filter((f) => !ALONE.includes(f));
const alone = files.filter((f) => ALONE.includes(f));
let status = together.length > 0 ? run(together, 2) : 0;
if (alone.length > 0) status = run(alone, 1) || status;
process.exit(status);
