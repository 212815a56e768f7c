import * as tf from '@tensorflow/tfjs-core';
import { heapF32, type WasmBackendLike } from './wasmKernelCall';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: unknown };

/**
 * Sum for the wasm backend with a fast path for "sum over every axis but the last" of float32
 * data: the bias gradient of every conv and dense layer. The stock kernel first transposes
 * the reduced axes to the end (a full copy of the activation gradient); here one pass adds the
 * rows together. Anything else goes to the stock kernel.
 */
export function makeChannelSumWasm(fallback: tf.KernelFunc) {
  return function sumWasm(args: KernelArgs): tf.TensorInfo {
    const backend = args.backend as WasmBackendLike;
    const { x } = args.inputs as unknown as { x: tf.TensorInfo };
    const outShape = channelSumShape(x, args.attrs as unknown as tf.SumAttrs);
    if (outShape == null) return fallback(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    const out = backend.makeOutput(outShape, 'float32');
    heapF32(backend, out).set(sumRows(heapF32(backend, x), x.shape[x.shape.length - 1]));
    return out;
  };
}

/** The output shape when a Sum adds up float32 rows (every axis but the last), else null. */
export function channelSumShape(x: tf.TensorInfo, { axis, keepDims }: tf.SumAttrs): number[] | null {
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a) => a < rank - 1);
  if (x.dtype !== 'float32' || !leading) return null;
  const channels = x.shape[rank - 1];
  return keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels];
}

/**
 * Column sums of a row-major [rows, channels] matrix, four columns at a time in local
 * (double-precision) accumulators: about twice as fast in V8 as updating an accumulator array.
 */
export function sumRows(values: Float32Array, channels: number): Float64Array {
  const acc = new Float64Array(channels);
  const rows = channels === 0 ? 0 : values.length / channels;
  let c = 0;
  for (; c + 4 <= channels; c += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0; // prettier-ignore
    for (let r = 0, i = c; r < rows; r++, i += channels) {
      a0 += values[i];
      a1 += values[i + 1];
      a2 += values[i + 2];
      a3 += values[i + 3];
    }
    acc[c] = a0;
    acc[c + 1] = a1;
    acc[c + 2] = a2;
    acc[c + 3] = a3;
  }
  for (; c < channels; c++) {
    let a = 0;
    for (let i = c; i < values.length; i += channels) a += values[i];
    acc[c] = a;
  }
  return acc;
}
