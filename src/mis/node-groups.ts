import { checkOption, type OptionSpec } from '../options/option-spec.js';
import { coefficientGroups } from './technique-scores.js';

/**
 * How the J techniques are built from C > J output nodes ([MIS] §5, "Importance functions"):
 * - 'groups' (kit default): the C nodes are split into J contiguous groups G_j and q_j(x) = ‖u_{x,G_j}‖₂, the
 *   alternative [MIS] §5 names ("clustering the nodes into J groups and taking the norm of each"). Every node is
 *   in some group, so Σ_j q_j(x) ≥ ‖u_x‖₂ and the mixture covers every sample the single-pmf IS covers.
 * - 'top': J single nodes q_j(x) = |u_{x,c_j}|, the J largest by mean |u| over the initialisation epoch ([MIS] §5,
 *   "we select a subset of the nodes"). The other C − J classes get almost no mass once they are learnt.
 */
export type TechniqueNodes = 'groups' | 'top';

/** The allowed {@link TechniqueNodes} values, for option validation. */
export const techniqueNodesValues: readonly TechniqueNodes[] = Object.freeze(['groups', 'top']);

/**
 * Declaration of the `nodes` option (CLI `--nodes`), read by the 'omis' and 'mis-balance' estimators and listed
 * by the 'mis-bh' and 'omis' methods: {@link TechniqueNodes}, default 'groups'.
 * @example
 * checkOption('omis estimator: option nodes', techniqueNodesOptions.nodes, 'top'); // ok
 */
export const techniqueNodesOptions = Object.freeze({
  nodes: {
    kind: 'enum',
    default: 'groups',
    values: techniqueNodesValues,
    help: "C > J outputs: J node groups, q_j = ‖u_G_j‖ ('groups'), or the top-J single nodes ('top') (MIS §5)",
  },
} satisfies Record<string, OptionSpec>);

/**
 * Technique scores of the 'groups' choice: q_j(x) = ‖(u_{x,c})_{c∈G_j}‖₂ over J contiguous groups of the C output
 * nodes (sizes as equal as possible, larger groups first; {@link coefficientGroups}).
 * @param u output gradients ∂ℓ/∂m, row-major (B × C).
 * @param C number of outputs (≥ 1).
 * @param J number of techniques, 1 ≤ J ≤ C (J = C gives q_j = |u_{x,j}|, the per-node scores).
 * @returns scores, row-major (B × J).
 * @example
 * nodeGroupScores(Float32Array.of(3, 4, 1), 3, 2); // groups {0, 1}, {2}: [5, 1]
 */
export function nodeGroupScores(u: ArrayLike<number>, C: number, J: number): Float64Array {
  if (!Number.isInteger(C) || C < 1 || u.length % C !== 0) {
    throw new RangeError(`nodeGroupScores: u has length ${u.length}, not B × C with C = ${C} ≥ 1`);
  }
  if (!Number.isInteger(J) || J < 1 || J > C) {
    throw new RangeError(
      `J = ${J} is larger than the available outputs: the model has C = ${C} outputs; allowed J: 1..${C}`,
    );
  }
  const B = u.length / C;
  const starts = coefficientGroups(C, J); // (J + 1)
  const scores = new Float64Array(B * J); // (B, J)
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < J; j++) {
      let s2 = 0;
      for (let c = starts[j]; c < starts[j + 1]; c++) s2 += u[b * C + c] ** 2;
      scores[b * J + j] = Math.sqrt(s2); // [MIS] §5 (clustered nodes): q_j = ‖u_{G_j}‖
    }
  }
  return scores;
}

/**
 * Reads the `nodes` option of a MIS estimator: undefined → 'groups' (the kit default), else checked against
 * {@link techniqueNodesOptions} ('groups' or 'top').
 * @param value the option value.
 * @param who the estimator's name, for the error message.
 * @example
 * resolveTechniqueNodes(undefined, 'omis'); // 'groups'
 */
export function resolveTechniqueNodes(value: unknown, who: string): TechniqueNodes {
  const v = value ?? techniqueNodesOptions.nodes.default;
  checkOption(`${who} estimator: option nodes`, techniqueNodesOptions.nodes, v);
  return v as TechniqueNodes;
}
