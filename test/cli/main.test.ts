import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built CLI (npm test builds dist/ first), as a user would.
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

function isgrad(...args: string[]) {
  return isgradEnv({}, ...args);
}

function isgradEnv(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ISGRAD_QUIET: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('isgrad CLI', () => {
  test('train --json prints the run summary as the last stdout line and writes records', () => {
    const out = mkdtempSync(join(tmpdir(), 'isgrad-cli-'));
    try {
      const r = isgrad(
        'train',
        '--task',
        'poly6',
        '--method',
        'is',
        '--epochs',
        '2',
        '--backend',
        'cpu',
        '--out',
        out,
        '--json',
      );
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      const s = JSON.parse(lines[lines.length - 1]);
      for (const k of [
        'task',
        'method',
        'seed',
        'backend',
        'epochs',
        'steps',
        'wallSeconds',
        'final',
        'records',
      ]) {
        assert.ok(k in s, `missing ${k}`);
      }
      assert.equal(s.task, 'poly6');
      assert.equal(s.method, 'is');
      assert.equal(s.backend, 'cpu');
      assert.equal(s.steps, Math.ceil(4096 / 32) + Math.floor(4096 / 32));
      assert.ok(
        Number.isFinite(s.final.trainLoss) &&
          Number.isFinite(s.final.excessLoss) &&
          Number.isFinite(s.final.testLoss),
      );
      assert.equal(s.records, out);
      assert.ok(existsSync(join(out, 'evals.arrow')));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('classification runs report test error', () => {
    const r = isgrad(
      'train',
      '--task',
      'toy2d',
      '--method',
      'as',
      '--epochs',
      '2',
      '--backend',
      'cpu',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.ok(s.final.testError >= 0 && s.final.testError <= 1);
  });

  test('bad input: non-zero exit and a message naming the option and the allowed values', () => {
    const cases: [string[], RegExp][] = [
      [
        ['train', '--task', 'poly6', '--method', 'nope'],
        /unknown method 'nope'; allowed: uniform, uniform-replace, is, as/,
      ],
      [
        ['train', '--task', 'mars', '--method', 'is'],
        /unknown task 'mars'; allowed: poly6, poly6-monomial, toy2d, mnist-mlp, fmnist-lenet, image-siren, noise-labels, pointcloud/,
      ],
      [
        ['train', '--task', 'poly6', '--method', 'is', '--optimizer', 'lbfgs'],
        /--optimizer: 'lbfgs' is not allowed; allowed values: sgd, adam/,
      ],
      [
        ['train', '--task', 'poly6', '--method', 'is', '--epochs', 'ten'],
        /--epochs must be an integer, got 'ten'/,
      ],
      [
        ['train', '--task', 'poly6', '--method', 'is', '--wat'],
        /unknown or malformed option --wat; allowed: --task/,
      ],
      [
        ['train', '--task', 'poly6', '--method', 'is', '--importance', 'x'],
        /unknown importance function 'x'|importance/,
      ],
      [['train', '--task', 'poly6', '--method', 'is', '--alpha', '1.5', '--backend', 'cpu'], /alpha/],
      [
        ['fly'],
        /unknown command 'fly'; allowed: train, reproduce, figures, sweep, collect, tasks, methods, help/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = isgrad(...args);
      assert.notEqual(r.code, 0, `exit 0 for ${args.join(' ')}`);
      assert.match(r.stderr, re, `stderr for ${args.join(' ')}: ${r.stderr}`);
    }
  });

  test('bad --out fails before training: empty, a file, a /proc path, a folder with other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-cli-out-'));
    try {
      writeFileSync(join(dir, 'a-file'), 'x');
      mkdirSync(join(dir, 'mine'));
      writeFileSync(join(dir, 'mine', 'notes.txt'), 'x');
      // 200 epochs of poly6 take minutes; each case must fail at once instead.
      const run = [
        'train',
        '--task',
        'poly6',
        '--method',
        'is',
        '--epochs',
        '200',
        '--backend',
        'cpu',
        '--out',
      ];
      const cases: [string, RegExp][] = [
        ['', /out \(--out\): the path is empty/],
        [join(dir, 'a-file'), /out \(--out\) '.*a-file' is a file, not a folder/],
        ['/proc/x', /out \(--out\) '\/proc\/x': cannot write in \/proc/],
        ['/proc/x/run', /cannot create folder \/proc\/x/],
        [join(dir, 'mine'), /holding other files than a run's records/],
      ];
      for (const [out, re] of cases) {
        const t0 = performance.now();
        const r = isgrad(...run, out);
        const ms = performance.now() - t0;
        assert.notEqual(r.code, 0, `exit 0 for --out '${out}'`);
        assert.match(r.stderr, re, `--out '${out}': ${r.stderr}`);
        assert.ok(ms < 30_000, `--out '${out}' took ${ms.toFixed(0)} ms: it trained first`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reproduce: bad flags are errors; a missing dataset skips its part with the command that enables it', () => {
    for (const [args, re] of [
      [['--seeds', '1,,2'], /isgrad: --seeds: item 2 of '1,,2' is empty/],
      [['--seeds', ''], /isgrad: --seeds: the value is empty/],
      [
        ['--only', ''],
        /isgrad: --only: the value is empty; allowed parts: core, mis, emais, baselines, pointcloud, pmf-distance, emais-traces, emais-extra, emais-studies, asis-fig1, asis-fig8, asis-fig10, omis-mnist, ablations/,
      ],
      [
        ['--only', 'nosuchpart'],
        /isgrad: --only: 'nosuchpart' in 'nosuchpart' is neither a part nor a figure id; parts: core, mis/,
      ],
      [
        ['--only', 'mis/fig2-poly6', '--set', 'lr=-1'],
        /isgrad: figure mis\/fig2-poly6: setting lr must be a number > 0, got -1/,
      ],
      [
        ['--only', 'mis/fig2-poly6', '--set', 'nosuch=1'],
        /isgrad: figure mis\/fig2-poly6: unknown setting 'nosuch'; its settings: scale \(one of quick, full\)/,
      ],
    ] as [string[], RegExp][]) {
      const r = isgrad('reproduce', ...args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, re);
    }
    assert.match(isgrad('reproduce', '--help').stdout, /Exit code: 0 when/);
    const list = isgrad('reproduce', '--list').stdout;
    assert.match(
      list,
      /^mis\/fig2-poly6 +\(part mis\) .*\n +scale += quick .*\n +seeds += 1, 2, 3 .*\n +lr += 0\.02 +a number > 0/m,
    );
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-cli-repro-'));
    try {
      mkdirSync(join(dir, 'no-data'));
      const r = isgradEnv(
        { ISGRAD_FMNIST_DIR: join(dir, 'no-data') },
        'reproduce',
        '--only',
        'emais',
        '--results',
        join(dir, 'results'),
        '--figures',
        join(dir, 'figures'),
      );
      assert.equal(r.code, 1, 'a part named in --only was skipped: ' + r.stderr);
      assert.match(r.stdout, /skipped +emais +needs Fashion-MNIST/);
      assert.match(r.stdout, /enable with: sudo apt-get install dataset-fashion-mnist/);
      assert.match(r.stdout, /exit 1 \(requested but skipped: emais\)/);
      assert.ok(existsSync(join(dir, 'figures', 'index.html')), 'the gallery is written anyway');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('tasks and methods list the registries', () => {
    assert.match(isgrad('tasks').stdout, /poly6[\s\S]*fmnist-lenet/);
    assert.match(isgrad('methods').stdout, /uniform[\s\S]*is[\s\S]*as[\s\S]*output-grad/);
  });
});

describe('isgrad CLI: divergence, warnings and flag corners', () => {
  test('a run that diverges on its last step exits 1 with the divergence message and prints no JSON', () => {
    const r = isgrad(
      'train',
      '--task',
      'poly6',
      '--method',
      'uniform',
      '--batch',
      '4096',
      '--epochs',
      '1',
      '--lr',
      '1e30',
      '--backend',
      'cpu',
      '--json',
    );
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /isgrad: training diverged at step 1 \(epoch 1\): .*lower the learning rate/);
    assert.equal(r.stdout.trim(), '', 'no summary with trainLoss: null');
  });

  test('a run no longer than the warm-up warns on stderr (even when quiet) and lists it in the JSON', () => {
    const r = isgrad(
      'train',
      '--task',
      'poly6',
      '--method',
      'is',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^isgrad: warning: method 'is' draws like SGD-Scan/m);
    const lines = r.stdout.trim().split('\n');
    const s = JSON.parse(lines[lines.length - 1]);
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0], /--epochs 1: it never samples by importance/);
  });

  test('--alpha -0.5 gets the --alpha=-0.5 hint; a repeated flag is an error', () => {
    const neg = isgrad('train', '--task', 'poly6', '--method', 'is', '--alpha', '-0.5');
    assert.equal(neg.code, 1);
    assert.match(
      neg.stderr,
      /isgrad: --alpha: the value '-0\.5' starts with a dash, so it reads as a flag; write --alpha=-0\.5/,
    );
    const rep = isgrad('train', '--task', 'poly6', '--method', 'is', '--method', 'uniform', '--epochs', '1');
    assert.equal(rep.code, 1);
    assert.match(rep.stderr, /isgrad: --method is given more than once \('is', 'uniform'\); give it once/);
  });
});
