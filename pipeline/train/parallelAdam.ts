import type { OnednnAddon } from '../backend/onednn/loadOnednn';

/**
 * Adam over one flat Float32Array of parameters, as tf.train.adam computes it (same float32
 * rounding of each intermediate, same bias correction from running products of β1 and β2).
 * A training worker applies the averaged gradients with one loop instead of ~100 small
 * tensor kernels per step; the result matches the TF.js optimizer to float rounding.
 */
export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export interface AdamState {
  firstMoment: Float32Array;
  secondMoment: Float32Array;
  /** β1^t and β2^t for the next step t (TF.js keeps them as float32 variables starting at β). */
  accBeta1: number;
  accBeta2: number;
}

export const KERAS_ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

export function createAdamState(size: number, { beta1, beta2 }: Pick<AdamConfig, 'beta1' | 'beta2'>): AdamState {
  const f = Math.fround;
  return { firstMoment: new Float32Array(size), secondMoment: new Float32Array(size), accBeta1: f(beta1), accBeta2: f(beta2) };
}

/**
 * One update of every parameter from a step's coefficients: the JS reference, and the shape of
 * the native loop (the oneDNN addon's adamStep), which must give bit-identical results.
 */
export type AdamLoop = (weights: Float32Array, gradients: Float32Array, m: Float32Array, v: Float32Array, coefficients: Float32Array) => void;

/**
 * The float32 constants of the next step, in the order the native loop reads them
 * (native/src/kernels.hpp AdamCoefficients): β1, β2, 1 − β1, 1 − β2, ε, −learning rate,
 * 1 − β1^t, 1 − β2^t. Each is rounded from its double here, once, for both loops.
 */
export function adamCoefficients(state: AdamState, config: AdamConfig): Float32Array {
  const { beta1, beta2, epsilon, learningRate } = config;
  return Float32Array.of(beta1, beta2, 1 - beta1, 1 - beta2, epsilon, -learningRate, 1 - state.accBeta1, 1 - state.accBeta2);
}

/** The reference Adam loop: every operation rounded to float32, as tf.train.adam's kernels do. */
export const adamLoop: AdamLoop = (weights, gradients, m, v, coefficients) => {
  const f = Math.fround;
  const [b1, b2, oneMinusB1, oneMinusB2, eps, negLr, correction1, correction2] = coefficients;
  for (let i = 0; i < weights.length; i++) {
    const g = gradients[i];
    const mi = f(f(m[i] * b1) + f(g * oneMinusB1));
    const vi = f(f(v[i] * b2) + f(f(g * g) * oneMinusB2));
    m[i] = mi;
    v[i] = vi;
    const step = f(f(f(mi / correction1) / f(f(Math.sqrt(f(vi / correction2))) + eps)) * negLr);
    weights[i] = f(step + weights[i]);
  }
};

/**
 * The native Adam loop of the oneDNN addon (bit-identical to adamLoop; 0.11 ms against 1.04 ms
 * per step for the model's 110,474 parameters, measured on our 2-core machine), or the JS loop
 * without the addon or with one built before it had adamStep (`npm run pipeline` does not rebuild it).
 */
export function adamLoopOf(addon: Partial<Pick<OnednnAddon, 'adamStep'>> | null): AdamLoop {
  return typeof addon?.adamStep === 'function' ? addon.adamStep : adamLoop;
}

/**
 * Updates `weights` in place from `gradients`, and advances `state`. `loop` runs the update
 * (the native one when the addon is loaded); the coefficients and the state stay here.
 */
export function adamStep(state: AdamState, weights: Float32Array, gradients: Float32Array, config: AdamConfig, loop: AdamLoop = adamLoop): void {
  loop(weights, gradients, state.firstMoment, state.secondMoment, adamCoefficients(state, config));
  const f = Math.fround;
  state.accBeta1 = f(state.accBeta1 * f(config.beta1));
  state.accBeta2 = f(state.accBeta2 * f(config.beta2));
}
