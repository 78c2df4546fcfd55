// Validates the EMAIS variance estimators against exact whole-dataset values ([EMAIS] Figs. 3–5).
// Usage: node --import tsx scripts/emais-validate.ts [--task mnist-mlp] [--checkpoints 50,200,600]
//        [--repeats 8] [--batch-size 64] [--backend wasm] [--seed 0]
// Prints one line per checkpoint and the median relative errors (estimate vs exact; logit vs full gradients).
import { validateTraces, validateTracesDefaults } from '../src/experiments/validate-traces.js';
import '../src/builtins.js'; // registers the built-in tasks and methods

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}
const num = (name: string, d: number) => (arg(name) === undefined ? d : Number(arg(name)));

const t0 = Date.now();
const r = await validateTraces({
  task: arg('task') ?? 'mnist-mlp',
  checkpoints: (arg('checkpoints') ?? '50,200,600').split(',').map(Number),
  repeats: num('repeats', validateTracesDefaults.repeats),
  batchSize: num('batch-size', validateTracesDefaults.batchSize),
  seed: num('seed', 0),
  backend: (arg('backend') ?? 'wasm') as 'wasm',
});
const f = (v: number) => v.toPrecision(4);
for (const c of r.checkpoints) {
  for (const kind of ['exact', 'full', 'logit'] as const) {
    const e = c[kind];
    console.log(
      `step ${c.step} ${kind.padEnd(5)} trIS ${f(e.trIS)} trU ${f(e.trU)} trOpt ${f(e.trOpt)} ` +
        `ems ${f(e.ems)} s ${f(e.efficiency)}`,
    );
  }
  console.log(`step ${c.step} corr(‖u‖, ‖g‖) ${f(c.normCorrelation)}`);
}
console.log('median relative error, full-gradient estimate vs exact:', JSON.stringify(r.fullVsExact));
console.log('median relative error, logit vs full-gradient estimate:', JSON.stringify(r.logitVsFull));
console.log(`seconds ${((Date.now() - t0) / 1000).toFixed(1)}`);
