/**
 * isgrad `mis`: Multiple importance sampling maths (METHODS §4): mixture weights and the OMIS linear system.
 * Reached as `import { mis } from 'isgrad'`, then `mis.name`.
 *
 * @module
 */

export { mixtureWeights } from '../mis/mixture.js';
export { omisCoefficients, solveOmisDefaults, solveOmis, omisEstimate } from '../mis/omis-system.js';
