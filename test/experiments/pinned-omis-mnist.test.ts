import '../../src/builtins.js';
import { describe } from 'node:test';
import { pinnedFigureTests } from './fixtures/pinned-figures.js';

// The default figures of these parts, pinned (fixtures/pinned-omis-mnist.json) before they became figure specs.
describe('pinned default figures: omis-mnist', () => {
  pinnedFigureTests('omis-mnist', ['omis-mnist']);
});
