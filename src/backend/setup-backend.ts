import * as tf from '@tensorflow/tfjs';

/** Backends the kit can run on, in the order `auto` tries them. */
export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendRequest = BackendName | 'auto';

/** What `setupBackend` did: the active backend and every backend it tried first. */
export interface BackendInfo {
  /** The request, e.g. 'auto'. */
  requested: BackendRequest;
  /** The kit's name of the active backend, e.g. 'wasm'. */
  name: BackendName;
  /** tfjs's name of the active backend (`tf.getBackend()`), e.g. 'wasm' or 'tensorflow'. */
  tfBackend: string;
  /** Backends tried before the active one, with the reason each was skipped. */
  skipped: { name: BackendName; reason: string }[];
}

// The node packages register a backend called 'tensorflow' in the engine of the @tensorflow/tfjs copy they
// import. If that is not the kit's copy (a version mismatch), the backend is absent here: say so.
const loaders: Record<BackendName, { pkg: string | null; tfName: string }> = {
  'tensorflow-gpu': { pkg: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow' },
  tensorflow: { pkg: '@tensorflow/tfjs-node', tfName: 'tensorflow' },
  wasm: { pkg: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm' },
  cpu: { pkg: null, tfName: 'cpu' },
};

/** What to do when a backend's package is missing: the command (or the docs) that installs it. */
export const installHints: Record<BackendName, string> = {
  'tensorflow-gpu':
    'install @tensorflow/tfjs-node-gpu@4.22.0 with the CUDA and cuDNN versions it needs (docs/backends.md, "tensorflow-gpu")',
  tensorflow: "install it with 'npm run backend:tensorflow' in the isgrad folder (docs/backends.md)",
  wasm: "reinstall the kit's dependencies with 'npm ci' (it is a dependency of isgrad)",
  cpu: 'part of @tensorflow/tfjs; nothing to install',
};

/**
 * Environment variable that fixes what `auto` means, e.g. `ISGRAD_BACKEND=wasm` on a machine with tfjs-node.
 * `isgrad reproduce --backend` sets it, so that its worker processes (which inherit the environment) use the same
 * backend. Unset or 'auto': the order of {@link BACKENDS}.
 */
export const BACKEND_ENV = 'ISGRAD_BACKEND';

let current: BackendInfo | null = null;
let currentAuto: string | undefined;

async function tryBackend(name: BackendName): Promise<string | null> {
  const { pkg, tfName } = loaders[name];
  if (pkg !== null) {
    // libtensorflow logs its start-up (oneDNN, CPU features) to stderr unless told otherwise; errors still show.
    if (pkg.startsWith('@tensorflow/tfjs-node')) process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    try {
      await import(pkg);
    } catch (e) {
      const msg = (e as Error).message.split('\n')[0];
      return `package ${pkg} is not installed or failed to load (${msg}); ${installHints[name]}`;
    }
  }
  if (tf.findBackend(tfName) == null && tf.engine().registryFactory[tfName] == null) {
    return `${pkg} loaded but registered no '${tfName}' backend with this copy of @tensorflow/tfjs (version mismatch?)`;
  }
  // The cpu backend otherwise prints a banner advertising tfjs-node on first use; the kit reports its
  // backend itself (BackendInfo, run summaries) and documents the faster ones in environment.md.
  tf.env().set('PROD', true);
  let ok = false;
  try {
    ok = await tf.setBackend(tfName); // returns false when the backend's initialisation failed
    await tf.ready();
  } catch (e) {
    return `tf.setBackend('${tfName}') threw: ${(e as Error).message}`;
  }
  if (!ok) return `tf.setBackend('${tfName}') returned false (initialisation failed)`;
  return null;
}

/**
 * Selects the TensorFlow.js backend.
 *
 * `auto` tries `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node`, then wasm, then cpu, and keeps the
 * first whose `tf.setBackend` returns true; with the environment variable {@link BACKEND_ENV} set to a backend,
 * `auto` means that backend. A named backend that cannot start is an error (no silent
 * fallback). Safe to call again: the backend is switched only when the request changes.
 *
 * @param request 'auto' (default) or one of {@link BACKENDS}.
 * @example
 * const info = await setupBackend('auto');
 * info.name; // 'wasm' on a machine without tfjs-node
 */
export async function setupBackend(request: BackendRequest = 'auto'): Promise<BackendInfo> {
  if (request !== 'auto' && !(BACKENDS as readonly string[]).includes(request)) {
    throw new Error(`unknown backend '${String(request)}'; allowed: auto, ${BACKENDS.join(', ')}`);
  }
  const pinned = request === 'auto' ? process.env[BACKEND_ENV] : undefined;
  if (
    pinned !== undefined &&
    pinned !== '' &&
    pinned !== 'auto' &&
    !(BACKENDS as readonly string[]).includes(pinned)
  ) {
    throw new Error(`${BACKEND_ENV}='${pinned}' is not a backend; allowed: auto, ${BACKENDS.join(', ')}`);
  }
  const autoOrder: BackendName[] =
    pinned === undefined || pinned === '' || pinned === 'auto' ? [...BACKENDS] : [pinned as BackendName];
  const sameAuto = request !== 'auto' || currentAuto === autoOrder.join();
  if (current !== null && sameAuto && (current.requested === request || current.name === request)) {
    if (tf.getBackend() === loaders[current.name].tfName) return current;
  }
  const order: BackendName[] = request === 'auto' ? autoOrder : [request];
  const skipped: BackendInfo['skipped'] = [];
  for (const name of order) {
    const reason = await tryBackend(name);
    if (reason === null) {
      current = { requested: request, name, tfBackend: tf.getBackend(), skipped };
      if (request === 'auto') currentAuto = autoOrder.join();
      return current;
    }
    skipped.push({ name, reason });
  }
  const detail = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new Error(`could not start backend '${request}': ${detail}`);
}

/** The backend chosen by the last `setupBackend` call, or null before any call. */
export function activeBackend(): BackendInfo | null {
  return current;
}
