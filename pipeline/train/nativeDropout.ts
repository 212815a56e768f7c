// Dropout's masks in native code (issue #24). tfjs-core's dropout draws its uniform numbers one at a time in
// JS (rand_util's UniformRandom over seedrandom's Alea): 456,704 of them per 64-image shard of the tutorial's
// network, about 5 ms of every worker step. Here Alea is seeded in JS exactly as TF.js seeds it, and the
// addon runs the generator and the multiplier's float32 arithmetic. The masks are bit-identical to TF.js's,
// so training histories do not change (test/train/nativeDropout.test.ts compares them with tf.dropout).
import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';
import type { OnednnAddon } from '../backend/onednn/loadOnednn';
import { DROPOUT_MASK, type DropoutMaskAttrs } from '../backend/onednn/onednnKernels';
import type { ApplyLayer } from '../model/logits';
import { perLayer } from './perLayer';

/** Alea's state after seeding with `seed` as UniformRandom does (a number becomes its decimal string). */
export function aleaState(seed: number | string): Float64Array {
  const { c, s0, s1, s2 } = seedrandom.alea(String(seed), { state: true }).state() as unknown as Record<'c' | 's0' | 's1' | 's2', number>;
  return Float64Array.of(c, s0, s1, s2);
}

/**
 * What tf.dropout(x, rate, undefined, seed) multiplies x by, drawn by the addon: straight into the backend's
 * memory where its kernel is registered (wasm with the addon), else into a JS array. Consumes one
 * Math.random() when `seed` is absent, as TF.js does.
 */
export function dropoutMultiplier(addon: Pick<Required<OnednnAddon>, 'dropoutMask'>, shape: number[], rate: number, seed?: number | string): tf.Tensor {
  const attrs: DropoutMaskAttrs = { shape, keep: 1 - rate, state: aleaState(seed ?? Math.random()) };
  if (tf.getKernel(DROPOUT_MASK, tf.getBackend()) != null) return tf.engine().runKernel(DROPOUT_MASK, {}, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  const mask = new Float32Array(tf.util.sizeFromShape(shape));
  addon.dropoutMask(mask, attrs.state, attrs.keep);
  return tf.tensor(mask, shape, 'float32');
}

/**
 * Applies `layer` as the model would, with a Dropout layer's training-time mask drawn natively. Other
 * layers, dropout outside training, rates of 0 or 1 and explicit noise shapes go through the layer itself.
 */
export function nativeDropoutApply(addon: Pick<OnednnAddon, 'dropoutMask'> | null): ApplyLayer {
  const configOf = perLayer((config) => config as { rate?: number; noiseShape?: number[] | null; seed?: number | null });
  return (layer, h, training) => {
    if (addon?.dropoutMask == null || !training || layer.getClassName() !== 'Dropout') return layer.apply(h, { training }) as tf.Tensor;
    const config = configOf(layer);
    const rate = config.rate ?? 0;
    if (config.noiseShape != null || !(rate > 0 && rate < 1) || h.dtype !== 'float32') return layer.apply(h, { training }) as tf.Tensor;
    return tf.mul(h, dropoutMultiplier(addon as Pick<Required<OnednnAddon>, 'dropoutMask'>, h.shape, rate, config.seed ?? undefined));
  };
}

