// Moved to records/ (below train/, which keys checkpoints by the run key); kept here for existing imports.
export { canonicalJson, configHash } from '../records/config-hash.js';
