import { createHash } from 'node:crypto';
import { canonicalJson } from './config-hash.js';

/** Version of the integrity record; a summary.json with another (or none) is not read. */
export const INTEGRITY_VERSION = 1;

/** What the integrity record says about one table file of a run. */
export interface FileIntegrity {
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  /** Data rows the table holds (the CSV's lines after the header; the Arrow table's rows). */
  rows: number;
}

/**
 * The integrity record of a run folder, the last key of its summary.json (which is itself written last, so
 * the record commits with the folder's rename). Kept in summary.json rather than a sibling manifest: summary.json
 * already is the commit marker every reader looks for, so one file says both "complete" and "intact", and no
 * reader can find a run whose manifest is missing.
 */
export interface RunIntegrity {
  version: number;
  /** Each table file of the run (steps.csv, steps.arrow, evals.csv, evals.arrow) by name. */
  files: Record<string, FileIntegrity>;
  /** SHA-256 of the canonical JSON of the rest of summary.json plus `files`: an edited summary does not match. */
  content: string;
}

/** SHA-256 (hex) of bytes or text. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The hash of a summary's content ({@link RunIntegrity.content}): everything but `integrity`, plus the file
 * table, as canonical JSON (key order and spacing do not matter; every value does).
 * @param summary summary.json's object without `integrity` (as written, or as parsed back).
 * @param files the file table.
 */
export function summaryContentHash(summary: object, files: Record<string, FileIntegrity>): string {
  // Through JSON first, so the hash of what is written equals the hash of what is read back.
  const plain = JSON.parse(JSON.stringify(summary)) as Record<string, unknown>;
  delete plain.integrity;
  return sha256Hex(canonicalJson({ summary: plain, files }));
}

/**
 * Builds the integrity record of a run folder from the exact bytes of its table files and their row counts.
 * @param files table file name → its bytes or text, and its number of rows.
 * @param summary the rest of summary.json (its content hash is taken).
 * @example
 * const integrity = runIntegrity({ 'evals.csv': { data: csv, rows: 2 } }, summary);
 * writeFileSync('summary.json', JSON.stringify({ ...summary, integrity }));
 */
export function runIntegrity(
  files: Record<string, { data: string | Uint8Array; rows: number }>,
  summary: object,
): RunIntegrity {
  const table: Record<string, FileIntegrity> = {};
  for (const [name, { data, rows }] of Object.entries(files)) {
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    table[name] = { bytes, sha256: sha256Hex(data), rows };
  }
  return { version: INTEGRITY_VERSION, files: table, content: summaryContentHash(summary, table) };
}
