// Registers this folder's tslab as the Jupyter kernel "tslab" (display name "TypeScript (isgrad)"), for the
// current user only. It writes one kernel spec, <jupyter data dir>/kernels/tslab/kernel.json, whose argv holds
// absolute paths (this Node and notebooks/node_modules/tslab), so JupyterLab started from any shell or desktop
// launcher runs the tslab installed here. No Python is needed; set JUPYTER_DATA_DIR to register elsewhere.
// Runs as this package's postinstall; `npm run kernel` reruns it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const tslab = resolve(here, 'node_modules', 'tslab', 'bin', 'tslab');
if (!existsSync(tslab)) {
  console.error(`install-kernel: ${tslab} is missing; run \`npm install\` in ${here} first`);
  process.exit(1);
}

/** Jupyter's per-user data folder (jupyter_core.paths.jupyter_data_dir). */
function jupyterDataDir() {
  if (process.env.JUPYTER_DATA_DIR) return resolve(process.env.JUPYTER_DATA_DIR);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'jupyter');
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

const dir = join(jupyterDataDir(), 'kernels', 'tslab');
mkdirSync(dir, { recursive: true });
const spec = {
  argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
  display_name: 'TypeScript (isgrad)',
  language: 'typescript',
};
writeFileSync(join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
console.log(`install-kernel: registered kernel "tslab" in ${dir} (node ${process.version}, ${tslab})`);
