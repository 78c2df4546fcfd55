// Moved to records/ (below train/, which keys checkpoints by the run key); kept here for existing imports.
export { kitVersion } from '../records/kit-version.js';
