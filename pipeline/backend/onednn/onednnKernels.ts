import * as tf from '@tensorflow/tfjs-core';
import type { AnyKernel } from '../kernelRegistry';
import { heapF32, type WasmBackendLike } from '../kernels/wasmKernelCall';
import { channelSumShape } from '../kernels/channelSum';
import { convDims, poolDims } from './geometry';
import type { OnednnAddon } from './loadOnednn';

type KernelArgs = Parameters<AnyKernel>[0];
type T4 = [number, number, number, number];

/**
 * A kernel that runs `native` when it returns an output, and `fallback` (the kernel it
 * replaced) when it returns null: a layout, dtype or geometry oneDNN is not given here.
 * `native` allocates its output before taking heap views (growing the heap detaches them).
 */
function withFallback(fallback: tf.KernelFunc, native: (args: KernelArgs, backend: WasmBackendLike) => tf.TensorInfo | null): AnyKernel {
  return (args) => native(args, args.backend as WasmBackendLike) ?? (fallback(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo);
}

const allFloat = (...infos: (tf.TensorInfo | undefined)[]) => infos.every((t) => t == null || t.dtype === 'float32');

function convInfo(x: number[], filter: number[], attrs: tf.Conv2DAttrs) {
  return tf.backend_util.computeConv2DInfo(x as T4, filter as T4, attrs.strides, attrs.dilations ?? 1, attrs.pad,
    attrs.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(attrs.dataFormat)); // prettier-ignore
}

/** Conv2D and FusedConv2D (bias and ReLU fused as oneDNN post-ops; other activations fall back). */
export function makeConv2d(addon: OnednnAddon, fallback: tf.KernelFunc, fused: boolean): AnyKernel {
  return withFallback(fallback, ({ inputs, attrs }, backend) => {
    const { x, filter, bias, preluActivationWeights } = inputs as Record<string, tf.TensorInfo | undefined>;
    const activation = fused ? (attrs as unknown as tf.FusedConv2DAttrs).activation : 'linear';
    if (!x || !filter || preluActivationWeights || (activation !== 'linear' && activation !== 'relu')) return null;
    const info = convInfo(x.shape, filter.shape, attrs as unknown as tf.Conv2DAttrs);
    const dims = convDims(info);
    const perChannelBias = bias == null || (bias.shape.length === 1 && bias.shape[0] === info.outChannels);
    if (dims == null || !perChannelBias || !allFloat(x, filter, bias)) return null;
    const y = backend.makeOutput(info.outShape, 'float32');
    const b = bias ? heapF32(backend, bias) : null;
    addon.conv2d(heapF32(backend, x), heapF32(backend, filter), b, heapF32(backend, y), dims, activation === 'relu');
    return y;
  });
}

/**
 * Conv2DBackpropInput (`wrt` input: from dy and the filter) or Conv2DBackpropFilter (`wrt`
 * filter: from x and dy); both describe the forward convolution they differentiate.
 */
export function makeConv2dBackprop(addon: OnednnAddon, fallback: tf.KernelFunc, wrt: 'input' | 'filter'): AnyKernel {
  return withFallback(fallback, ({ inputs, attrs }, backend) => {
    const { dy, filter, x } = inputs as Record<string, tf.TensorInfo>;
    const a = { ...(attrs as unknown as tf.Conv2DBackpropInputAttrs & tf.Conv2DBackpropFilterAttrs), dilations: 1 as const };
    const other = wrt === 'input' ? filter : x;
    const info = wrt === 'input' ? convInfo(a.inputShape, filter.shape, a) : convInfo(x.shape, a.filterShape, a);
    const dims = convDims(info);
    if (dims == null || !allFloat(dy, other) || !sameShape(dy.shape, info.outShape)) return null;
    const out = backend.makeOutput(wrt === 'input' ? info.inShape : [...a.filterShape], 'float32');
    const [g, o, result] = [heapF32(backend, dy), heapF32(backend, other), heapF32(backend, out)];
    if (wrt === 'input') addon.conv2dBackpropInput(g, o, result, dims);
    else addon.conv2dBackpropFilter(o, g, result, dims);
    return out;
  });
}

function poolInfo(x: number[], attrs: tf.MaxPoolAttrs | tf.MaxPoolGradAttrs) {
  return tf.backend_util.computePool2DInfo(x as T4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
}

export function makeMaxPool(addon: OnednnAddon, fallback: tf.KernelFunc): AnyKernel {
  return withFallback(fallback, ({ inputs, attrs }, backend) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const info = poolInfo(x.shape, attrs as unknown as tf.MaxPoolAttrs);
    const dims = poolDims(info);
    if (dims == null || !allFloat(x)) return null;
    const y = backend.makeOutput(info.outShape, 'float32');
    addon.maxPool(heapF32(backend, x), heapF32(backend, y), dims);
    return y;
  });
}

/**
 * MaxPoolGrad from dy and x alone (the addon's loop finds each window's first maximum as the
 * cpu backend does); the kernel's `output` input goes unread, so no forward pass runs again.
 */
export function makeMaxPoolGrad(addon: OnednnAddon, fallback: tf.KernelFunc): AnyKernel {
  return withFallback(fallback, ({ inputs, attrs }, backend) => {
    const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const info = poolInfo(input.shape, attrs as unknown as tf.MaxPoolGradAttrs);
    const dims = poolDims(info);
    if (dims == null || !allFloat(dy, input) || !sameShape(dy.shape, info.outShape)) return null;
    const dx = backend.makeOutput(input.shape, 'float32');
    addon.maxPoolGrad(heapF32(backend, input), heapF32(backend, dy), heapF32(backend, dx), dims);
    return dx;
  });
}

/**
 * BatchMatMul (the dense layers and their gradients) through oneDNN's sgemm: float32 operands of
 * rank ≥ 2 with the same leading (batch) dimensions. Broadcast batches fall back.
 */
export function makeBatchMatMul(addon: OnednnAddon, fallback: tf.KernelFunc): AnyKernel {
  return withFallback(fallback, ({ inputs, attrs }, backend) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const dims = matMulDims(a.shape, b.shape, transposeA, transposeB);
    if (dims == null || addon.batchMatMul == null || !allFloat(a, b)) return null;
    const [, m, n] = dims;
    const c = backend.makeOutput([...a.shape.slice(0, -2), m, n], 'float32');
    addon.batchMatMul(heapF32(backend, a), heapF32(backend, b), heapF32(backend, c), Int32Array.from(dims), transposeA, transposeB);
    return c;
  });
}

/** [batch, m, n, k] of op(a)·op(b), or null for what the native kernel does not take (broadcast batches, mismatched or empty sizes). */
export function matMulDims(a: number[], b: number[], transposeA: boolean, transposeB: boolean): [number, number, number, number] | null {
  if (a.length < 2 || a.length !== b.length || !sameShape(a.slice(0, -2), b.slice(0, -2))) return null;
  const [ar, ac] = a.slice(-2);
  const [br, bc] = b.slice(-2);
  const [m, k] = transposeA ? [ac, ar] : [ar, ac];
  const [kb, n] = transposeB ? [bc, br] : [br, bc];
  const batch = tf.util.sizeFromShape(a.slice(0, -2));
  if (k !== kb || !(batch >= 1 && m >= 1 && n >= 1 && k >= 1)) return null;
  return [batch, m, n, k];
}

/** Sum over every axis but the last (bias gradients), in native code (see native/src/kernels.cc). */
export function makeChannelSum(addon: OnednnAddon, fallback: tf.KernelFunc): AnyKernel {
  return withFallback(fallback, ({ inputs, attrs }, backend) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const outShape = channelSumShape(x, attrs as unknown as tf.SumAttrs);
    const channels = x.shape[x.shape.length - 1];
    const rows = tf.util.sizeFromShape(x.shape) / channels;
    if (outShape == null || !(rows >= 1 && channels >= 1)) return null;
    const out = backend.makeOutput(outShape, 'float32');
    addon.channelSum(heapF32(backend, x), heapF32(backend, out), rows, channels);
    return out;
  });
}

/**
 * ReLU's gradient from the layer's output, dy · step(y), in one native pass (bit-identical to
 * TF.js's Step then Multiply, which it falls back on: other dtypes or shapes, or an addon built before it).
 */
export function makeReluGrad(addon: OnednnAddon, step: tf.KernelFunc, multiply: tf.KernelFunc): AnyKernel {
  return ({ inputs, backend }) => {
    const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
    const wasm = backend as WasmBackendLike;
    if (addon.reluGrad != null && allFloat(dy, y) && sameShape(dy.shape, y.shape)) {
      const dx = wasm.makeOutput(dy.shape, 'float32');
      addon.reluGrad(heapF32(wasm, dy), heapF32(wasm, y), heapF32(wasm, dx));
      return dx;
    }
    const mask = step({ inputs: { x: y }, attrs: { alpha: 0 }, backend: backend as tf.KernelBackend }) as tf.TensorInfo;
    const dx = multiply({ inputs: { a: dy, b: mask }, attrs: {}, backend: backend as tf.KernelBackend }) as tf.TensorInfo;
    wasm.disposeData(mask.dataId);
    return dx;
  };
}

/** Our kernel name: TF.js's dropout multiplier drawn by the addon (pipeline/train/nativeDropout.ts). */
export const DROPOUT_MASK = 'DropoutMaskNative';

/** The attributes of DROPOUT_MASK; the kernel has no inputs. */
export interface DropoutMaskAttrs {
  shape: number[];
  keep: number;
  /** Alea's state [c, s0, s1, s2], advanced in place. */
  state: Float64Array;
}

/** The multiplier drawn straight into the wasm heap: no JS array to fill and copy in. */
export function makeDropoutMask(addon: OnednnAddon): AnyKernel {
  return ({ attrs, backend }) => {
    const { shape, keep, state } = attrs as unknown as DropoutMaskAttrs;
    if (addon.dropoutMask == null) throw new Error('dropout masks: the oneDNN addon was built before they were added; run `npm run build:native`');
    const wasm = backend as WasmBackendLike;
    const mask = wasm.makeOutput(shape, 'float32');
    addon.dropoutMask(heapF32(wasm, mask), state, keep);
    return mask;
  };
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
