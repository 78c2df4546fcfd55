/**
 * isgrad `backends`: TF.js backends: the list of backends and the one in use (`setupBackend` is at the top level).
 * Reached as `import { backends } from 'isgrad'`, then `backends.name`.
 *
 * @module
 */

export { BACKENDS, activeBackend } from '../backend/setup-backend.js';
