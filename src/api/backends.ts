/**
 * The `backends` namespace of `isgrad`: TF.js backends: the names a backend request accepts and the backend
 * in use (`setupBackend` itself is at the top level). Import the namespace and call through it: `import {
 * backends } from 'isgrad'`, then `backends.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { BACKENDS, activeBackend } from '../backend/setup-backend.js';
