// Moved to records/ (below train/, which keys checkpoints by the run key); kept here for existing imports.
export { codeHash, hashSourceTree } from '../records/code-hash.js';
