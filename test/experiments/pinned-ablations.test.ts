import '../../src/builtins.js';
import { describe } from 'node:test';
import { pinnedFigureTests } from './fixtures/pinned-figures.js';

// The default figures of these parts, pinned (fixtures/pinned-ablations.json) before they became figure specs.
describe('pinned default figures: ablations', () => {
  pinnedFigureTests('ablations', ['ablations']);
});
