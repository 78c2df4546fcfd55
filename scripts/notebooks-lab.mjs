// `npm run notebooks:lab`: JupyterLab on notebooks/, from notebooks/.venv when it is there (the README's install),
// else `jupyter-lab` on PATH; a clear message and exit 1 when neither exists. Extra arguments go to JupyterLab.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, 'notebooks', '.venv', process.platform === 'win32' ? 'Scripts' : 'bin');

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const candidates = [
  join(venv, 'jupyter-lab'),
  ...(process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d !== '')
    .map((d) => join(d, 'jupyter-lab')),
];
const lab = candidates.find(executable);
if (lab === undefined) {
  console.error(
    'notebooks:lab: JupyterLab not found: neither notebooks/.venv/bin/jupyter-lab nor jupyter-lab on PATH.\n' +
      'Install it once (tested: JupyterLab 4.6.4):\n' +
      "  python3 -m venv notebooks/.venv && notebooks/.venv/bin/pip install 'jupyterlab==4.6.4'\n" +
      'then run `npm run notebooks:setup` (the tslab kernel) and `npm run notebooks:lab` again.',
  );
  process.exit(1);
}
console.log(`notebooks:lab: ${lab}`);
// JupyterLab refuses to start as root without --allow-root (containers and CI machines often run as root).
const asRoot = process.getuid?.() === 0 ? ['--allow-root'] : [];
const child = spawn(lab, [`--notebook-dir=${join(root, 'notebooks')}`, ...asRoot, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The venv's bin first, so JupyterLab finds its own jupyter-* commands.
  env: lab.startsWith(venv)
    ? { ...process.env, PATH: `${venv}${delimiter}${process.env.PATH ?? ''}` }
    : process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
