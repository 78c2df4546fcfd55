import '../../src/builtins.js';
import { describe } from 'node:test';
import { pinnedFigureTests } from './fixtures/pinned-figures.js';

// The default figures of these parts, pinned (fixtures/pinned-emais-extra.json) before they became figure specs.
describe('pinned default figures: emais-extra', () => {
  pinnedFigureTests('emais-extra', ['emais-extra']);
});
