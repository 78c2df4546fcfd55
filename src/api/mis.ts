/**
 * The `mis` namespace of `isgrad`: multiple importance sampling maths (METHODS §4): mixture weights and the
 * OMIS linear system. Import the namespace and call through it: `import { mis } from 'isgrad'`, then
 * `mis.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { mixtureWeights } from '../mis/mixture.js';
export { omisCoefficients, solveOmisDefaults, solveOmis, omisEstimate } from '../mis/omis-system.js';
