#!/usr/bin/env node
import '../builtins.js';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  formatFigureList,
  formatReproduceSummary,
  reproduce,
  reproduceDefaults,
} from '../experiments/reproduce.js';
import { figureSweepSpec } from '../experiments/figure-sweep-spec.js';
import { exportFigures, STATIC_FORMATS, type StaticFormat } from '../figures/export-static.js';
import { executedNotebookLinks } from '../figures/gallery-html.js';
import { importanceNames } from '../importance/registry.js';
import { getTask, taskNames } from '../tasks/registry.js';
import { getMethod, methodNames } from '../methods/method-spec.js';
import { stringifyFinite } from '../records/stringify-finite.js';
import { isInterruptedError } from '../train/interrupt.js';
import { createProgressLine } from '../train/progress-line.js';
import { train, type TrainProgress } from '../train/train.js';
import { parseReproduceArgs, reproduceUsage } from './parse-reproduce-args.js';
import { parseTrainArgs, trainUsage } from './parse-train-args.js';
import { cmdCollect, cmdSweep } from './sweep-commands.js';

const USAGE = `isgrad: importance-sampled stochastic gradient estimation

usage:
  isgrad train --task T --method M [options] [--json]   train one run (isgrad train --help for options)
  isgrad reproduce [--scale quick|full] [--seeds 1,2,3] [--only core,mis/fig2-poly6,...] [--set NAME=VALUE]...
                   [--results DIR] [--figures DIR]       run every comparison and write the figures; exit 1
                                                         if a part crashed (isgrad reproduce --help)
  isgrad reproduce --list                                every figure id with its settings and defaults
  isgrad figures [--only NAME,...] [--figures DIR] [--formats svg,png,pdf]
                                                         write SVG/PNG/PDF of the figures and the gallery
                                                         (isgrad figures --help)
  isgrad sweep SPEC [--workers N] [--shard k/n] [--out DIR] [--json] [--slurm [--submit]]
                                                         run a sweep's trials in parallel (isgrad sweep --help)
  isgrad collect DIR [--out DIR2]                        merge every run under DIR into Arrow + CSV tables
  isgrad tasks                                           list tasks
  isgrad methods                                         list methods and importance functions`;

function progressLine(label: string, p: TrainProgress): string {
  const e = p.eval;
  const parts = [
    `[${label}]`,
    `epoch ${p.eval.epoch.toFixed(1)}/${p.epochs}`,
    `step ${p.step}/${p.totalSteps}`,
    `train loss ${e.trainLoss.toPrecision(4)}`,
  ];
  if (e.excessLoss !== undefined) parts.push(`excess ${e.excessLoss.toExponential(3)}`);
  if (e.testError !== undefined) parts.push(`test error ${(100 * e.testError).toFixed(2)}%`);
  parts.push(`${e.trainSeconds.toFixed(1)} s`);
  return parts.join('  ');
}

async function cmdTrain(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(trainUsage());
    return;
  }
  const args = parseTrainArgs(argv);
  const quiet = args.quiet || process.env.ISGRAD_QUIET === '1';
  const label = `${args.config.task}/${args.config.method}/seed ${args.config.seed ?? 1}`;
  const r = await train(args.config, {
    onProgress: quiet ? undefined : (p) => console.error(progressLine(label, p)),
    // warnings are printed even when quiet: they say the run may not measure what was asked
    onWarning: (w) => console.error(`isgrad: warning: ${w}`),
    log: (l) => console.error(`[${label}] ${l}`), // checkpoint notices are printed even with --quiet
  });
  const summary = {
    task: r.config.task,
    method: r.config.method,
    seed: r.config.seed,
    backend: r.backend.name,
    epochs: r.config.epochs,
    steps: r.totalSteps,
    wallSeconds: r.wallSeconds,
    final: r.final,
    records: r.recordsPath,
    warnings: r.warnings,
    config: r.config,
  };
  if (args.json) {
    console.log(stringifyFinite(summary)); // a non-finite number is an error, never a null
  } else {
    console.log(
      `${label} on ${r.backend.name}: ${r.totalSteps} steps in ${r.wallSeconds.toFixed(1)} s; final ` +
        Object.entries(r.final)
          .map(([k, v]) => `${k} ${(v as number).toPrecision(4)}`)
          .join(', ') +
        (r.recordsPath ? `; records in ${r.recordsPath}` : ''),
    );
  }
}

async function cmdReproduce(argv: string[]): Promise<void> {
  const args = parseReproduceArgs(argv);
  if (args.help) {
    console.log(reproduceUsage());
    return;
  }
  if (args.list) {
    console.log(formatFigureList());
    return;
  }
  if (args.sweepSpec !== undefined) {
    const { only, scale, seeds, set } = args.options;
    if (only.length !== 1) {
      throw new Error(
        `--sweep-spec: give one figure id in --only (isgrad reproduce --list), got '${only.join(',')}'`,
      );
    }
    const spec = figureSweepSpec(only[0], { scale, seeds, set });
    writeFileSync(args.sweepSpec, JSON.stringify(spec, null, 2) + '\n');
    const n = (spec.list?.length ?? 0) * spec.seeds.length;
    console.log(
      `wrote ${args.sweepSpec}: ${n} runs of ${only[0]}; train them with isgrad sweep ${args.sweepSpec} --slurm ` +
        `--out ${args.options.results}, then isgrad reproduce with the same flags (without --sweep-spec) loads them`,
    );
    return;
  }
  const quiet = args.quiet || process.env.ISGRAD_QUIET === '1';
  const t0 = performance.now();
  // Training progress: one redrawn line on a terminal, at most one line per 10 s in a log file.
  const line = quiet ? null : createProgressLine();
  const report = await reproduce({
    ...args.options,
    allowFailures: true, // the summary says what failed; the exit code follows reproduceExitCode
    log: (l) => (line === null ? console.error(l) : line.note(l)),
    hooks: (label) => ({
      onProgress: line === null ? undefined : (p) => line.update(progressLine(label, p)),
      log: (l) => console.error(`[${label}] ${l}`),
    }),
  }).finally(() => line?.end());
  console.log(`wrote ${report.files.length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s:`);
  for (const f of report.files) console.log(`  ${f}`);
  console.log(formatReproduceSummary(report));
  process.exitCode = report.exitCode;
}

// \`isgrad figures\`: static export of figures already written by \`reproduce\` (no training), plus the gallery.
const FIGURES_USAGE = `usage: isgrad figures [--only NAME,...] [--figures DIR] [--formats svg,png,pdf]

Writes SVG, PNG (2x) and PDF next to each figure a reproduce run left in the figures folder (<name>.html +
<name>.json), a thumbnail per figure, and the gallery index.html. Nothing trains.

  --figures DIR        the figures folder (default ${reproduceDefaults.figures})
  --only NAME,...      only these figures (file names without extension, e.g. poly6-excess-loss); default all
  --formats LIST       any of ${STATIC_FORMATS.join(', ')} (default all)
  -h, --help           this text

Needs a headless Chrome/Chromium: ISGRAD_CHROME or PUPPETEER_EXECUTABLE_PATH, one on PATH, or the optional npm
package @sparticuz/chromium. From a notebook or script, saveFigure(fig, path, { formats }) does the same for one
figure.`;

async function cmdFigures(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      figures: { type: 'string' },
      formats: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(FIGURES_USAGE);
    return;
  }
  const formats = (values.formats ?? STATIC_FORMATS.join(',')).split(',') as StaticFormat[];
  for (const f of formats) {
    if (!STATIC_FORMATS.includes(f))
      throw new Error(`--formats: '${f}' is not allowed; allowed: ${STATIC_FORMATS.join(', ')}`);
  }
  const t0 = performance.now();
  const figures = values.figures ?? reproduceDefaults.figures;
  const files = await exportFigures(figures, {
    formats,
    only: values.only ? values.only.split(',') : null,
    notebooks: executedNotebookLinks(figures),
  });
  console.log(`wrote ${files.length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s:`);
  for (const f of files) console.log(`  ${f}`);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'train':
      return cmdTrain(rest);
    case 'reproduce':
      return cmdReproduce(rest);
    case 'figures':
      return cmdFigures(rest);
    case 'sweep':
      return cmdSweep(rest);
    case 'collect':
      return cmdCollect(rest);
    case 'tasks':
      for (const t of taskNames()) console.log(`${t.padEnd(14)} ${getTask(t).description}`);
      return;
    case 'methods':
      for (const m of methodNames()) console.log(`${m.padEnd(16)} ${getMethod(m).description}`);
      console.log(`\nimportance functions (--importance): ${importanceNames().join(', ')}`);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new Error(
        `unknown command '${cmd}'; allowed: train, reproduce, figures, sweep, collect, tasks, methods, help`,
      );
  }
}

/** The output folders named on the command line (or their defaults), for a message about a full disk. */
function outputFolders(argv: readonly string[]): string {
  const named = ['--out', '--results', '--figures'].flatMap((f) => {
    const i = argv.indexOf(f);
    return i >= 0 && i + 1 < argv.length ? [`${f} ${argv[i + 1]}`] : [];
  });
  return named.length > 0 ? named.join(', ') : `results/ and figures/ under ${process.cwd()}`;
}

let finished = false;
// A command whose work stops without settling (a promise nobody resolves) must not end with exit code 0.
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write(
    'isgrad: internal error: the command stopped before it finished (nothing left to run); exit code 1\n',
  );
  process.exitCode = 1;
});
main(process.argv.slice(2)).then(
  () => {
    finished = true;
  },
  (e: unknown) => {
    finished = true;
    const full = (e as NodeJS.ErrnoException).code === 'ENOSPC';
    console.error(
      `isgrad: ${(e as Error).message}` +
        (full ? ` (no space left in an output folder of this command: ${outputFolders(process.argv)})` : ''),
    );
    process.exit(isInterruptedError(e) ? 130 : 1);
  },
);
