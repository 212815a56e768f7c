import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadOnednn } from '../../pipeline/backend/onednn/loadOnednn';
import { applyLogits } from '../../pipeline/model/logits';
import { aleaState, dropoutMultiplier, nativeDropoutApply } from '../../pipeline/train/nativeDropout';
import { seedMathRandom } from '../../pipeline/train/random';
import { DROPOUT_MASK } from '../../pipeline/backend/onednn/onednnKernels';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import seedrandom from 'seedrandom';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}`;
const addon = loaded.ok ? loaded.addon : null;

/** What tf.dropout multiplies by: dropout of ones is the multiplier itself (1 · m = m). */
const stockMultiplier = (shape: number[], rate: number, seed?: number) => tf.tidy(() => tf.dropout(tf.ones(shape), rate, undefined, seed).dataSync() as Float32Array);
const ours = (shape: number[], rate: number, seed?: number) => tf.tidy(() => dropoutMultiplier(addon as never, shape, rate, seed).dataSync() as Float32Array);
const bits = (a: Float32Array) => new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

describe.skipIf(!loaded.ok)(`native dropout masks${skipped}`, () => {
  let previousBackend: string;
  let restoreRandom: () => void = () => {};
  beforeAll(async () => {
    previousBackend = tf.getBackend();
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    restoreRandom();
    if (previousBackend) await tf.setBackend(previousBackend);
  });

  const CASES: [shape: number[], rate: number, seed: number][] = [
    [[64, 13, 13, 32], 0.3, 1234], // the tutorial's first dropout, one shard
    [[64, 5, 5, 64], 0.3, 0.5],
    [[1, 1, 1, 128], 0.3, 42], // batch 1
    [[3, 7, 5], 0.5, 7], // odd sizes
    [[1001], 0.9, 99],
    [[17], 0.001, 3],
  ];
  for (const [shape, rate, seed] of CASES) {
    it(`draws the same multiplier as tf.dropout, bit for bit: [${shape}] at rate ${rate}, seed ${seed}`, () => {
      expect(bits(ours(shape, rate, seed))).toEqual(bits(stockMultiplier(shape, rate, seed)));
    });
  }

  it('takes its seed from Math.random as TF.js does when the layer has none, one call per mask', () => {
    restoreRandom = seedMathRandom(11);
    const stock = [stockMultiplier([4, 9], 0.3), stockMultiplier([4, 9], 0.3)];
    restoreRandom();
    restoreRandom = seedMathRandom(11);
    const native = [ours([4, 9], 0.3), ours([4, 9], 0.3)];
    restoreRandom();
    expect(native.map(bits)).toEqual(stock.map(bits));
    expect(bits(native[0])).not.toEqual(bits(native[1]));
  });

  it('advances the generator across calls exactly as one long draw would', () => {
    const state = aleaState(5);
    const first = new Float32Array(10);
    const second = new Float32Array(10);
    addon!.dropoutMask!(first, state, 0.7);
    addon!.dropoutMask!(second, state, 0.7);
    const whole = new Float32Array(20);
    addon!.dropoutMask!(whole, aleaState(5), 0.7);
    expect([...first, ...second]).toEqual([...whole]);
  });

  it('draws the same multiplier straight into the wasm heap where its kernel is registered (wasm with the addon)', async () => {
    const shape = [64, 5, 5, 64];
    const stock = stockMultiplier(shape, 0.3, 77);
    await selectBackend('wasm+onednn', () => {});
    try {
      let drawn: Float32Array = new Float32Array();
      const info = await tf.profile(() => {
        drawn = tf.tidy(() => dropoutMultiplier(addon as never, shape, 0.3, 77).dataSync() as Float32Array);
      });
      expect(info.kernels.map((k) => k.name)).toEqual([DROPOUT_MASK]);
      expect(bits(drawn)).toEqual(bits(stock));
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it("follows seedrandom's Alea from a state no seed gives (the doubles' loop, not the integer one), bit for bit", () => {
    // Mash makes every s a multiple of 2⁻³²; these are not, so the addon must take its double-precision loop.
    const start = { c: 3, s0: 0.1, s1: 0.7071, s2: 1 / 3 };
    const alea = seedrandom.alea('', { state: start as never }) as unknown as () => number;
    const keep = 0.7;
    const expected = Float32Array.from({ length: 257 }, () => Math.fround(Math.floor(Math.fround(Math.fround(alea()) + Math.fround(keep)))) / Math.fround(keep));
    const state = Float64Array.of(start.c, start.s0, start.s1, start.s2);
    const native = new Float32Array(257);
    addon!.dropoutMask!(native, state, keep);
    expect(bits(native)).toEqual(bits(expected));
    const next = seedrandom.alea('', { state: start as never });
    for (let i = 0; i < 257; i++) next();
    const { c, s0, s1, s2 } = (next as unknown as { state(): typeof start }).state();
    expect([...state]).toEqual([c, s0, s1, s2]);
  });

  it('refuses a keep probability outside (0, 1] and a state of the wrong size, saying what it expected', () => {
    expect(() => addon!.dropoutMask!(new Float32Array(2), aleaState(1), 0)).toThrow(/keep must be in \(0, 1\]/);
    expect(() => addon!.dropoutMask!(new Float32Array(2), new Float64Array(3), 0.5)).toThrow(/Float64Array of Alea's state/);
  });

  describe('applied to a model', () => {
    const model = () => {
      const m = tfl.sequential();
      m.add(tfl.layers.dense({ inputShape: [6], units: 5, activation: 'relu', kernelInitializer: 'ones' }));
      m.add(tfl.layers.dropout({ rate: 0.3 }));
      m.add(tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: 'ones' }));
      return m;
    };
    const x = () => tf.tensor2d(Array.from({ length: 24 }, (_, i) => (i % 7) / 7), [4, 6]);

    it('gives the same logits and gradients as the layer itself in training', () => {
      const m = model();
      const run = (apply?: ReturnType<typeof nativeDropoutApply>) => {
        restoreRandom = seedMathRandom(3);
        const { value, grads } = tf.variableGrads(() => tf.sum(applyLogits(m, x(), true, undefined, apply)) as tf.Scalar);
        restoreRandom();
        const out = [value.dataSync(), ...Object.values(grads).map((g) => g.dataSync())].map((a) => [...a]);
        tf.dispose([value, ...Object.values(grads)]);
        return out;
      };
      expect(run(nativeDropoutApply(addon))).toEqual(run());
    });

    /** The addon with a count of its dropoutMask calls, and a Dropout layer whose own apply is counted. */
    const counted = (config: Parameters<typeof tfl.layers.dropout>[0]) => {
      const calls = { native: 0, layer: 0 };
      const fake = { dropoutMask: (...a: Parameters<NonNullable<typeof addon>['dropoutMask'] & Function>) => (calls.native++, addon!.dropoutMask!(...a)) };
      const layer = tfl.layers.dropout(config);
      const own = layer.apply.bind(layer);
      layer.apply = ((...a: Parameters<typeof own>) => (calls.layer++, own(...a))) as typeof layer.apply;
      return { calls, layer, apply: nativeDropoutApply(fake) };
    };

    const guards: [string, Parameters<typeof tfl.layers.dropout>[0], string][] = [
      ['a noise shape', { rate: 0.3, noiseShape: [1, 1, 4] }, 'float32'],
      ['rate 0', { rate: 0 }, 'float32'],
      ['rate 1', { rate: 1 }, 'float32'],
      ['an int32 input', { rate: 0.3 }, 'int32'],
    ];
    for (const [what, config, dtype] of guards) {
      it(`leaves dropout with ${what} to the layer`, () => {
        const { calls, layer, apply } = counted(config);
        tf.tidy(() => {
          try {
            apply(layer, tf.ones([2, 3, 4], dtype as 'float32'), true);
          } catch {
            // the layer may refuse the input; what matters is who was asked
          }
        });
        expect(calls).toEqual({ native: 0, layer: 1 });
      });
    }

    it("draws the mask natively in training with a rate in (0, 1), from the layer's own seed when it has one", () => {
      const { calls, layer, apply } = counted({ rate: 0.25, seed: 1234 });
      const ours = tf.tidy(() => [...apply(layer, tf.ones([3, 5, 7]), true).dataSync()]);
      expect(calls).toEqual({ native: 1, layer: 0 });
      expect(ours).toEqual([...stockMultiplier([3, 5, 7], 0.25, 1234)]);
    });

    it('leaves dropout to the layer outside training and without the addon', () => {
      const m = model();
      const inference = tf.tidy(() => [...applyLogits(m, x(), false, undefined, nativeDropoutApply(addon)).dataSync()]);
      expect(inference).toEqual(tf.tidy(() => [...applyLogits(m, x(), false).dataSync()]));
      restoreRandom = seedMathRandom(4);
      const without = tf.tidy(() => [...applyLogits(m, x(), true, undefined, nativeDropoutApply(null)).dataSync()]);
      restoreRandom();
      restoreRandom = seedMathRandom(4);
      const stock = tf.tidy(() => [...applyLogits(m, x(), true).dataSync()]);
      restoreRandom();
      expect(without).toEqual(stock);
    });
  });
});
