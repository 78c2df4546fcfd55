import type { SweepProgress } from './run-trials.js';

function duration(s: number): string {
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One progress-bar line of a sweep: bar, done/total, running, failed, cached, elapsed time and ETA.
 * @param width characters of the bar itself. Default 24.
 * @example
 * formatProgress(p); // '[##########..............] 5/12 done, 2 running, 0 failed, 1 cached, 35s elapsed, ETA 49s'
 */
export function formatProgress(p: SweepProgress, width = 24): string {
  const filled = p.total === 0 ? width : Math.round((width * p.done) / p.total);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  const eta = p.etaSeconds === null ? 'ETA ?' : `ETA ${duration(p.etaSeconds)}`;
  return (
    `[${bar}] ${p.done}/${p.total} done, ${p.running} running, ${p.failed} failed, ${p.cached} cached, ` +
    `${duration(p.elapsedSeconds)} elapsed, ${p.done === p.total ? 'finished' : eta}`
  );
}
