import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../records/write-run-records.js';
import type { Trial } from './expand-trials.js';

/**
 * Writes a failed trial's failure file `<failures>/<trial id>.json` (id, index, label, options, error, stack).
 * When the file cannot be written (a full disk: ENOSPC; a read-only store) it throws one error that names the
 * folder and says what to do, instead of a raw stack from deep in the writer.
 * @returns the failure file.
 * @example
 * writeFailureFile('results/failures', trial, 'dataset 13 is cursed', err.stack ?? '');
 */
export function writeFailureFile(failures: string, trial: Trial, error: string, stack: string): string {
  const file = join(failures, `${trial.id}.json`);
  const record = {
    id: trial.id,
    index: trial.index,
    label: trial.label,
    options: trial.options,
    error,
    stack,
  };
  try {
    mkdirSync(failures, { recursive: true });
    writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'no space left on the device' : (e as Error).message;
    throw new Error(
      `cannot write to the results folder ${failures}: ${why} (trial '${trial.label}' had failed: ` +
        `${error.split('\n')[0]}); free space, then run again: finished runs load from the store`,
    );
  }
  return file;
}

/** Deletes a trial's failure file from an earlier attempt, once it succeeded. */
export function clearFailureFile(failures: string, trial: Trial): void {
  const file = join(failures, `${trial.id}.json`);
  if (existsSync(file)) rmSync(file);
}
