import { describe, expect, it } from 'vitest';
import { ONEDNN_ADVICE, loadOnednn } from '../../pipeline/backend/onednn/loadOnednn';
import { adamCoefficients, adamLoop, adamLoopOf, adamStep, createAdamState, KERAS_ADAM, type AdamLoop } from '../../pipeline/train/parallelAdam';
import { mulberry32 } from '../../pipeline/train/random';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}; ${ONEDNN_ADVICE}`;
const config = { learningRate: 0.001, ...KERAS_ADAM };

/**
 * Gradients of every scale a training run meets: ordinary ones, tiny ones whose squares are
 * subnormal or vanish (where a flush-to-zero or fused multiply-add would show), zeros and large ones.
 */
function gradientsOf(size: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const scales = [1, 1e-3, 1e-20, 1e-38, 0, 1e3];
  return new Float32Array(size).map(() => (random() - 0.5) * scales[Math.floor(random() * scales.length)]);
}

/** Runs `steps` Adam steps with `loop` from the same start; returns weights and moments. */
function train(loop: AdamLoop, size: number, steps: number) {
  const random = mulberry32(size);
  const weights = new Float32Array(size).map(() => random() - 0.5);
  const state = createAdamState(size, config);
  for (let s = 0; s < steps; s++) adamStep(state, weights, gradientsOf(size, 100 * size + s), config, loop);
  return { weights, m: state.firstMoment, v: state.secondMoment, accBeta1: state.accBeta1 };
}

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);
/** Indices where the two arrays differ in any bit (+0 and −0 differ). */
function differing(a: Float32Array, b: Float32Array): number[] {
  const [x, y] = [bits(a), bits(b)];
  return Array.from(x.keys()).filter((i) => x[i] !== y[i]);
}

describe('adamCoefficients', () => {
  it("rounds each constant from its double once, as the step's float32 arithmetic reads it", () => {
    const state = createAdamState(1, config);
    const k = adamCoefficients(state, config);
    expect(k).toHaveLength(8);
    // 1 − β1 from the double β1 (0.1 rounded), not from float32 β1 (which would give 0.10000002).
    expect(k[2]).toBe(Math.fround(1 - 0.9));
    expect(k[2]).not.toBe(Math.fround(1 - Math.fround(0.9)));
    expect(k[5]).toBe(Math.fround(-0.001));
    expect(k[6]).toBe(Math.fround(1 - Math.fround(0.9)));
  });
});

describe('adamLoopOf', () => {
  it('keeps the JS loop without the addon, or with one built before it had adamStep', () => {
    expect(adamLoopOf(null)).toBe(adamLoop);
    expect(adamLoopOf({})).toBe(adamLoop);
  });
});

describe.skipIf(!loaded.ok)(`the native Adam loop${skipped}`, () => {
  const native = adamLoopOf(loaded.ok ? loaded.addon : null);

  it('is the one the addon provides', () => {
    expect(native).not.toBe(adamLoop);
  });

  for (const size of [1, 7, 110474]) {
    it(`gives bit-identical weights and moments to the JS loop over three steps (${size} parameters)`, () => {
      const js = train(adamLoop, size, 3);
      const cc = train(native, size, 3);
      expect(differing(cc.weights, js.weights)).toEqual([]);
      expect(differing(cc.m, js.m)).toEqual([]);
      expect(differing(cc.v, js.v)).toEqual([]);
      expect(cc.accBeta1).toBe(js.accBeta1);
      expect(differing(js.weights, train(adamLoop, size, 0).weights).length).toBeGreaterThan(0); // it did move
    });
  }

  it('rejects buffers of different lengths instead of reading past one', () => {
    const f = (n: number) => new Float32Array(n);
    expect(() => native(f(5), f(4), f(5), f(5), f(8))).toThrow(/expected 5 floats, got 4/);
    expect(() => native(f(5), f(5), f(5), f(5), f(6))).toThrow(/expected 8 floats/);
  });
});
