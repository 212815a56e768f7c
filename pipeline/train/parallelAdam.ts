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

/** Updates `weights` in place from `gradients`, and advances `state`. */
export function adamStep(state: AdamState, weights: Float32Array, gradients: Float32Array, config: AdamConfig): void {
  const f = Math.fround;
  const b1 = f(config.beta1);
  const b2 = f(config.beta2);
  const oneMinusB1 = f(1 - config.beta1);
  const oneMinusB2 = f(1 - config.beta2);
  const eps = f(config.epsilon);
  const negLr = f(-config.learningRate);
  const correction1 = f(1 - state.accBeta1);
  const correction2 = f(1 - state.accBeta2);
  const m = state.firstMoment;
  const v = state.secondMoment;
  for (let i = 0; i < weights.length; i++) {
    const g = gradients[i];
    const mi = f(f(m[i] * b1) + f(g * oneMinusB1));
    const vi = f(f(v[i] * b2) + f(f(g * g) * oneMinusB2));
    m[i] = mi;
    v[i] = vi;
    const step = f(f(f(mi / correction1) / f(f(Math.sqrt(f(vi / correction2))) + eps)) * negLr);
    weights[i] = f(step + weights[i]);
  }
  state.accBeta1 = f(state.accBeta1 * b1);
  state.accBeta2 = f(state.accBeta2 * b2);
}
