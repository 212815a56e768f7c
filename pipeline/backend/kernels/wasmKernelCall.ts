import * as tf from '@tensorflow/tfjs-core';

/**
 * The parts of the wasm backend our kernels use. The package does not export these types
 * from its Node entry point, so we describe the few members we rely on.
 */
export interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export type KernelAttrs = Record<string, unknown>;

/**
 * Runs another wasm kernel directly (no autograd, no engine bookkeeping), the way the
 * backend's own composite kernels do. The caller owns the returned TensorInfo and must
 * release it with `release` unless it is the kernel's final output.
 */
export function callWasmKernel(
  name: string,
  inputs: Record<string, tf.TensorInfo>,
  attrs: KernelAttrs,
  backend: WasmBackendLike,
): tf.TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (config == null) throw new Error(`wasm backend has no ${name} kernel; cannot compose the gradient kernel.`);
  const out = config.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend: backend as unknown as tf.KernelBackend });
  if (Array.isArray(out)) throw new Error(`wasm kernel ${name} returned several outputs; expected one.`);
  return out;
}

export function release(backend: WasmBackendLike, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Float32 view of a tensor on the wasm heap. Take views only after the last allocation: growth detaches them. */
export function heapF32(backend: WasmBackendLike, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}
