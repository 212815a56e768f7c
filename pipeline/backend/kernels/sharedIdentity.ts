import type * as tf from '@tensorflow/tfjs-core';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

/**
 * Identity without a copy. The engine clones every tensor it saves for the backward pass
 * (tf.clone → Identity), and the stock wasm kernel copies the whole buffer each time — about
 * 3% of a training step for this network. Tensors are immutable, so, as the cpu backend and
 * the wasm Reshape kernel already do, the output can share the input's data with one more
 * reference.
 */
export function sharedIdentityWasm(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as { incRef(dataId: tf.DataId): void };
  const { x } = args.inputs as unknown as { x: tf.TensorInfo };
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Cast that shares the data when the dtype does not change (the ReLU gradient casts its float32
 * step mask to float32: a full copy per layer and step on the stock kernel); other casts go to
 * `fallback`.
 */
export function makeSameDtypeCast(fallback: tf.KernelFunc) {
  return function castWasm(args: KernelArgs & { attrs: tf.NamedAttrMap }): tf.TensorInfo {
    const { x } = args.inputs as unknown as { x: tf.TensorInfo };
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    if (dtype === x.dtype) return sharedIdentityWasm(args);
    return fallback(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
  };
}
