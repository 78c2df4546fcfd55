// Runs every test/**/*.test.ts with node's test runner (tsx transpiles TypeScript).
// Node 20's runner does not expand globs and only discovers *.js by default, hence this file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}
const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, ISGRAD_QUIET: '1' } },
);
process.exit(r.status ?? 1);
