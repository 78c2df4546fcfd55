import { packState, unpackState, type EncodedState } from '../checkpoint/state-codec.js';
import * as tf from '@tensorflow/tfjs';

/**
 * A first-order optimiser over explicit tf.Variables. The learning rate is an argument of every step, so
 * schedules and per-step adjustments ([EMAIS] Eq. 8) need no optimiser state.
 */
export interface Optimizer {
  readonly name: 'sgd' | 'adam';
  /** θ ← update(θ, ∇θ) for each parameter, with learning rate `lr`. Disposes nothing it was given. */
  step(params: tf.Variable[], grads: tf.Tensor[], lr: number): void;
  /**
   * The optimiser's slots for a checkpoint, in the order of `params` (SGD: the momentum buffers; Adam: m, v and
   * the step count t), each as float32 bytes (exact); slots not created yet are null.
   */
  saveState(params: tf.Variable[]): EncodedState;
  /** Restores slots saved by {@link Optimizer.saveState} of the same optimiser over parameters of the same shapes. */
  loadState(params: tf.Variable[], state: EncodedState): void;
  /** Frees the optimiser's state tensors. */
  dispose(): void;
}

/** Options of {@link createSgd}. */
export interface SgdOptions {
  /** Heavy-ball momentum μ (PyTorch convention v ← μv + g, θ ← θ − ηv). Default 0. */
  momentum: number;
  /** Coupled L2 weight decay: g ← g + wd·θ before momentum (PyTorch `weight_decay`). Default 0. */
  weightDecay: number;
}

/** Options of {@link createAdam}. */
export interface AdamOptions {
  /** Default 0.9. */
  beta1: number;
  /** Default 0.999. */
  beta2: number;
  /** Default 1e-8. */
  epsilon: number;
  /** Coupled L2 weight decay: g ← g + wd·θ (PyTorch `Adam(weight_decay)`). Default 0. */
  weightDecay: number;
}

export const sgdDefaults: SgdOptions = { momentum: 0, weightDecay: 0 };
export const adamDefaults: AdamOptions = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 };

function checkRange(name: string, v: number, lo: number, hi: number, hiOpen = true): void {
  if (!Number.isFinite(v) || v < lo || (hiOpen ? v >= hi : v > hi)) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${v}`);
  }
}

function checkStep(params: tf.Variable[], grads: tf.Tensor[], lr: number): void {
  if (params.length !== grads.length) {
    throw new Error(`optimizer: ${params.length} parameters but ${grads.length} gradients`);
  }
  if (!Number.isFinite(lr) || lr < 0) throw new RangeError(`learning rate must be finite and ≥ 0, got ${lr}`);
}

/**
 * Stochastic gradient descent with optional heavy-ball momentum and coupled weight decay.
 * @example
 * const opt = createSgd({ momentum: 0.9 });
 * opt.step(model.params, grads, 0.01);
 */
export function createSgd(options: Partial<SgdOptions> = {}): Optimizer {
  const o = { ...sgdDefaults, ...options };
  checkRange('momentum', o.momentum, 0, 1);
  checkRange('weightDecay', o.weightDecay, 0, Infinity);
  const velocity = new Map<tf.Variable, tf.Variable>();
  return {
    name: 'sgd',
    step(params, grads, lr) {
      checkStep(params, grads, lr);
      tf.tidy(() => {
        params.forEach((p, k) => {
          let g = grads[k];
          if (o.weightDecay > 0) g = g.add(p.mul(o.weightDecay)); // g + wd·θ
          if (o.momentum > 0) {
            let v = velocity.get(p);
            if (v === undefined) {
              v = tf.variable(tf.zerosLike(p), false);
              velocity.set(p, v);
            }
            v.assign(v.mul(o.momentum).add(g)); // v ← μ v + g
            g = v;
          }
          p.assign(p.sub(g.mul(lr))); // θ ← θ − η v
        });
      });
    },
    saveState: (params) => packState('sgd', { velocity: params.map((p) => slotBytes(velocity.get(p))) }),
    loadState(params, state) {
      const s = unpackState<{ velocity: (Float32Array | null)[] }>('sgd', state);
      checkSlots('sgd', params, s.velocity.length);
      params.forEach((p, k) => setSlot(velocity, p, s.velocity[k]));
    },
    dispose() {
      velocity.forEach((v) => v.dispose());
      velocity.clear();
    },
  };
}

/**
 * Adam (Kingma and Ba, 2015) with bias correction and coupled L2 weight decay.
 * @example
 * const opt = createAdam();
 * opt.step(model.params, grads, 1e-3);
 */
export function createAdam(options: Partial<AdamOptions> = {}): Optimizer {
  const o = { ...adamDefaults, ...options };
  checkRange('beta1', o.beta1, 0, 1);
  checkRange('beta2', o.beta2, 0, 1);
  checkRange('weightDecay', o.weightDecay, 0, Infinity);
  if (!(o.epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${o.epsilon}`);
  const moments = new Map<tf.Variable, { m: tf.Variable; v: tf.Variable }>();
  let t = 0;
  return {
    name: 'adam',
    step(params, grads, lr) {
      checkStep(params, grads, lr);
      t += 1;
      const c1 = 1 - Math.pow(o.beta1, t); // bias corrections
      const c2 = 1 - Math.pow(o.beta2, t);
      tf.tidy(() => {
        params.forEach((p, k) => {
          let g = grads[k];
          if (o.weightDecay > 0) g = g.add(p.mul(o.weightDecay));
          let s = moments.get(p);
          if (s === undefined) {
            s = { m: tf.variable(tf.zerosLike(p), false), v: tf.variable(tf.zerosLike(p), false) };
            moments.set(p, s);
          }
          s.m.assign(s.m.mul(o.beta1).add(g.mul(1 - o.beta1))); // m ← β1 m + (1 − β1) g
          s.v.assign(s.v.mul(o.beta2).add(g.square().mul(1 - o.beta2))); // v ← β2 v + (1 − β2) g²
          const update = s.m.div(c1).div(s.v.div(c2).sqrt().add(o.epsilon)); // m̂ / (sqrt(v̂) + ε)
          p.assign(p.sub(update.mul(lr)));
        });
      });
    },
    saveState: (params) =>
      packState('adam', {
        t,
        m: params.map((p) => slotBytes(moments.get(p)?.m)),
        v: params.map((p) => slotBytes(moments.get(p)?.v)),
      }),
    loadState(params, state) {
      const s = unpackState<{ t: number; m: (Float32Array | null)[]; v: (Float32Array | null)[] }>(
        'adam',
        state,
      );
      checkSlots('adam', params, s.m.length);
      checkSlots('adam', params, s.v.length);
      moments.forEach((x) => {
        x.m.dispose();
        x.v.dispose();
      });
      moments.clear();
      params.forEach((p, k) => {
        const m = s.m[k];
        const v = s.v[k];
        if ((m === null) !== (v === null))
          throw new Error(`adam: saved slots m and v of parameter ${k} differ`);
        if (m !== null && v !== null)
          moments.set(p, { m: slotVariable('adam', p, m), v: slotVariable('adam', p, v) });
      });
      t = s.t;
    },
    dispose() {
      moments.forEach((s) => {
        s.m.dispose();
        s.v.dispose();
      });
      moments.clear();
    },
  };
}

/** Float32 bytes of a slot (null when the slot does not exist yet). */
function slotBytes(v: tf.Variable | undefined): Float32Array | null {
  return v === undefined ? null : (v.dataSync() as Float32Array).slice();
}

function checkSlots(name: string, params: tf.Variable[], saved: number): void {
  if (saved !== params.length) {
    throw new Error(
      `${name}: saved state has ${saved} slots for ${params.length} parameters (another model?)`,
    );
  }
}

/** A non-trainable slot variable shaped like `p`, holding `data`. */
function slotVariable(name: string, p: tf.Variable, data: Float32Array): tf.Variable {
  if (data.length !== p.size) {
    throw new Error(
      `${name}: saved slot of parameter ${p.name} has ${data.length} values, expected ${p.size}`,
    );
  }
  return tf.tidy(() => tf.variable(tf.tensor(data, p.shape), false)); // tidy frees the temporary, not the variable
}

/** Replaces the slot of `p` in `slots` by the saved data (or removes it when null). */
function setSlot(slots: Map<tf.Variable, tf.Variable>, p: tf.Variable, data: Float32Array | null): void {
  slots.get(p)?.dispose();
  slots.delete(p);
  if (data !== null) slots.set(p, slotVariable('sgd', p, data));
}

/** Optimiser names accepted by {@link createOptimizer}. */
export const OPTIMIZERS = ['sgd', 'adam'] as const;

/** Creates an optimiser by name ('sgd' uses `momentum`, 'adam' ignores it). */
export function createOptimizer(
  name: string,
  options: { momentum?: number; weightDecay?: number } = {},
): Optimizer {
  if (name === 'sgd') return createSgd(options);
  if (name === 'adam') return createAdam({ weightDecay: options.weightDecay ?? 0 });
  throw new Error(`unknown optimizer '${name}'; allowed: ${OPTIMIZERS.join(', ')}`);
}
