import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompareRun } from '../../src/experiments/compare.js';
import { budgetTablesHtml } from '../../src/experiments/budget-tables-html.js';

/** 20 steps of `ms` ms each (all in forward+backward), evaluations every 10 steps with testError = err(step). */
function run(method: string, seed: number, ms: number, err: (k: number) => number): CompareRun {
  const steps = Array.from({ length: 20 }, (_, k) => ({
    step: k,
    epoch: Math.floor(k / 10),
    msScore: 0,
    msSample: 0,
    msGather: 0,
    msForwardBackward: ms,
    msImportance: 0,
  }));
  const evals = [0, 10, 20].map((k) => ({
    step: k,
    epoch: k / 10,
    trainSeconds: (k * ms) / 1000,
    trainCpuSeconds: (k * ms) / 1000, // CPU time = wall here (an idle machine)
    testError: err(k),
  }));
  return { method, seed, batchSize: 8, evals, steps };
}

describe('budgetTablesHtml', () => {
  const runs = [
    run('uniform', 1, 10, (k) => 0.5 - k / 100),
    run('uniform', 2, 10, (k) => 0.7 - k / 100),
    run('dlis', 1, 20, (k) => 0.5 - k / 50),
  ];
  const html = budgetTablesHtml('Test <page>', runs, ['testError'], 'uniform');

  it('writes one table per budget axis with the reference totals and mean ± 95% t half-width', () => {
    assert.match(html, /<title>Test &lt;page&gt;<\/title>/);
    assert.match(html, /equal epochs: budget 2\.000 \(epoch\)/);
    assert.match(
      html,
      /equal CPU time \(uniform&#39;s training CPU time\): budget 0\.2000 \(trainCpuSeconds\)/,
    );
    assert.match(html, /equal backward passes \(uniform&#39;s\): budget 20\.00/);
    assert.match(html, /equal examples seen, forward \(uniform&#39;s\): budget 160\.0/);
    // uniform at epoch 2: errors 0.3 and 0.5 → sd 0.1414, half-width t_{0.975,1} · 0.1414 / √2 = 12.706 · 0.1 = 1.3;
    // DLIS at 0.2 s: step 10 → one seed, no interval ('–')
    assert.match(html, /<td>SGD \(uniform\)<\/td><td>0\.4000 ± 1\.3 \(2\)<\/td>/);
    assert.match(html, /<td>DLIS<\/td><td>0\.3000 ± – \(1\)<\/td>/);
  });

  it('adds the time split with seconds per epoch', () => {
    // uniform: 10 ms per step, 10 steps per epoch → 0.100 s/epoch; DLIS 0.200
    assert.match(
      html,
      /<td>SGD \(uniform\)<\/td><td>0\.00<\/td><td>0\.00<\/td><td>0\.00<\/td><td>10\.0<\/td><td>0\.00<\/td><td>10\.0<\/td><td>0\.100<\/td>/,
    );
    assert.match(html, /<td>DLIS<\/td>(<td>[^<]*<\/td>){6}<td>0\.200<\/td>/);
  });
});
