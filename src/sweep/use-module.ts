import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Modules given to {@link useModule}, absolute paths in call order. */
const used: string[] = [];
let tsxRegistered = false;

/** True for a file the TypeScript loader (tsx) must compile. */
export function isTypeScriptModule(path: string): boolean {
  return ['.ts', '.mts', '.cts'].includes(extname(path));
}

/** The tsx package's `--import` URL, or null when tsx is not installed. */
export function tsxLoader(): string | null {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return null;
  }
}

/**
 * Imports a module (a task, method, sampler or importance function registered by your code) in this process
 * **and in every sweep worker process** that `runTrials` (or a `createTrialPool` pool) starts from now on: the
 * library's counterpart of the CLI's `--preload`. Trials that use code registered in this process only fail
 * before training, naming the registration and this function. A TypeScript module (`.ts`) needs the dev
 * dependency `tsx` (installed with the kit's repository). Importing the same path again does nothing (Node
 * caches modules): to pick up an edited file, restart the kernel, or use {@link writeModule}, which writes a new
 * file per content.
 * @param path the module file, relative to the working directory (a notebook's folder in JupyterLab).
 * @returns the absolute path.
 * @example
 * await useModule('./rare-blobs.ts'); // registers task 'rare-blobs' here and in the workers
 * await runTrials(expandTrials(spec), { root: 'results', workers: 2 });
 */
export async function useModule(path: string): Promise<string> {
  const file = resolve(path);
  if (!existsSync(file))
    throw new Error(`useModule: no file '${file}' (a path relative to ${process.cwd()})`);
  // From the sources (tests, tsx), TypeScript imports work already.
  if (isTypeScriptModule(file) && !tsxRegistered && !import.meta.url.endsWith('.ts')) {
    if (tsxLoader() === null) {
      throw new Error(
        `useModule: '${file}' is TypeScript, and the TypeScript loader tsx is not installed: ` +
          `run 'npm install tsx' or write the module as .mjs`,
      );
    }
    // Once per process: later imports of .ts files compile; .js files keep their URLs (one copy of the kit).
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
  }
  await import(pathToFileURL(file).href);
  if (!used.includes(file)) used.push(file);
  return file;
}

/**
 * Writes `source` to a module file and {@link useModule}s it: a notebook cell's registrations, defined inline,
 * reach the sweep workers this way. The file is `<path without extension>-<hash of source>.<ext>`, so editing the
 * cell writes (and imports) a new module; run keys include the registered code's source, so edited code never
 * loads the runs of the old one.
 * @param path e.g. './my-ideas.ts' (written as './my-ideas-<hash>.ts' next to it).
 * @param source the module's text; it imports the kit by name (`import { registerTask } from 'isgrad'`).
 * @returns the module file.
 * @example
 * import { sweep } from 'isgrad';
 * await sweep.writeModule('./my-ideas.ts', `import { registerImportance } from 'isgrad';
 * registerImportance({ name: 'sqrt-loss', cheap: true, score: (c) => c.losses.sqrt() });`);
 */
export async function writeModule(path: string, source: string): Promise<string> {
  let h = 0x811c9dc5; // FNV-1a, 32 bits: names the file after its content
  for (let i = 0; i < source.length; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193) >>> 0;
  const ext = extname(path);
  const file = resolve(`${path.slice(0, path.length - ext.length)}-${h.toString(16).padStart(8, '0')}${ext}`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== source) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
  }
  return useModule(file);
}

/**
 * The modules given to {@link useModule} so far (absolute paths, in call order); sweep workers import them
 * before their first trial.
 */
export function usedModules(): string[] {
  return [...used];
}
