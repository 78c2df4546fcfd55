// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Layers of src/, bottom first (docs/architecture.md is generated from this list). A file may import its own layer and the layers below;
 * an import from a layer above is a lint error (import-x/no-restricted-paths, type-only imports included), and
 * so is any import cycle (import-x/no-cycle; it follows value imports, since type-only imports are erased).
 */
const LAYERS = [
  ['random', 'backend', 'checkpoint', 'registry', 'options'], // seeded draws, inverse-CDF search; backend; state codec; registry; option declarations
  ['data', 'losses', 'models'], // datasets, losses, networks
  ['importance', 'baselines', 'mis', 'stats'], // importance functions, simplex projection, MIS mixture maths, seed statistics
  ['emais'], // EMAIS variance traces, caps, moving statistics
  ['theory'], // float64 enumeration, Monte-Carlo and reference estimators for the theory notebook
  ['samplers'], // one sampler per file
  ['estimators'], // gradient estimators (weighted loss, OMIS)
  ['diagnostics'], // per-step diagnostics wrapper
  ['tasks'], // task = data + model + loss
  ['records'], // run records: tables, CSV/Arrow files
  ['figures'], // plotly builders: rows in, { data, layout } out
  ['train', 'methods'], // trainer, config, method table (methods/ registers the built-in methods into train/)
  ['experiments', 'sweep', 'papers'], // comparisons, reproduce, sweeps; papers: one figure spec per paper figure
  ['cli', 'notebook'], // command line; notebook display helpers and executor
];
const layerZones = LAYERS.slice(0, -1).map((layer, i) => ({
  target: layer.map((d) => `./src/${d}`),
  from: [
    ...LAYERS.slice(i + 1)
      .flat()
      .map((d) => `./src/${d}`),
    './src/index.ts',
    './src/api',
  ],
  message: `layer '${layer.join('/')}' must not import a higher layer (see LAYERS in eslint.config.js)`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'results/', 'figures/', 'notebooks/', 'scratch/', 'docs/api/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'prefer-const': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Pass an Rng (src/random/rng.ts): every draw must be seeded.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // The sources import './x.js' for './x.ts' (NodeNext style).
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
