import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BACKEND_ENV } from '../../src/backend/setup-backend.js';
import { reproduce, type ReproducePart } from '../../src/experiments/reproduce.js';
import { runOrLoad } from '../../src/experiments/run-or-load.js';

describe('reproduce --backend', () => {
  const root = mkdtempSync(join(tmpdir(), 'isgrad-reproduce-backend-'));
  const before = process.env[BACKEND_ENV];
  after(() => {
    rmSync(root, { recursive: true, force: true });
    if (before === undefined) delete process.env[BACKEND_ENV];
    else process.env[BACKEND_ENV] = before;
  });

  test("runs that ask for 'auto' run on the chosen backend, on the worker and in this process", async () => {
    const backends: string[] = [];
    // Two short poly6 runs asking for 'auto': the first trained by the worker process, both loaded here.
    const runs = () => [1, 2].map((seed) => ({ task: 'poly6', method: 'uniform', seed, epochs: 1 }));
    const part: ReproducePart = {
      name: 'on-cpu',
      requires: [],
      plan: () => runs().slice(0, 1),
      run: async (ctx) => {
        await ctx.prefetch(runs().slice(0, 1));
        for (const options of runs())
          backends.push((await runOrLoad(options, ctx.results, ctx.hooks('x'))).backend);
        writeFileSync(join(ctx.figures, 'on-cpu.html'), '<html></html>');
        return [{ title: 'on-cpu', file: 'on-cpu.html', caption: '' }];
      },
    };
    const report = await reproduce({
      parts: [part],
      results: join(root, 'results'),
      figures: join(root, 'figures'),
      workers: 1,
      backend: 'cpu',
    });
    assert.deepEqual(
      report.parts.map((p) => [p.name, p.status, p.trained, p.loaded]),
      [['on-cpu', 'ran', 2, 0]],
    );
    assert.deepEqual(backends, ['cpu', 'cpu']); // 'auto' would pick tensorflow or wasm here, never cpu
    assert.equal(process.env[BACKEND_ENV], 'cpu');
  });
});
