import * as tf from '@tensorflow/tfjs-core';
import { makeChannelSumWasm } from './kernels/channelSum';
import { conv2dBackpropFilterWasm } from './kernels/conv2dBackpropFilter';
import { makeConv2dBackpropInputWasm } from './kernels/conv2dBackpropInput';
import { maxPoolGradWasm } from './kernels/maxPoolGrad';
import { sharedIdentityWasm } from './kernels/sharedIdentity';

/** Marks our kernel functions so registering twice never wraps our own kernel as its "fallback". */
const OURS = Symbol.for('cnn-hidden-truth.wasmGradKernel');

type AnyKernel = (args: { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: unknown }) => tf.TensorInfo;

function isOurs(name: string): boolean {
  const k = tf.getKernel(name, 'wasm');
  return k != null && (k.kernelFunc as unknown as Record<symbol, boolean>)[OURS] === true;
}

/**
 * Installs `make(stock)` as the wasm kernel `name`. The stock kernel (if any) is handed to
 * `make` as the fallback for cases our code does not cover, and its setup function is kept:
 * it binds the C++ entry point the fallback calls, should the backend initialise later.
 */
function install(name: string, make: (stock: tf.KernelFunc | null) => AnyKernel): void {
  if (isOurs(name)) return;
  const stock = tf.getKernel(name, 'wasm');
  const kernelFunc = make(stock?.kernelFunc ?? null) as unknown as tf.KernelFunc;
  (kernelFunc as unknown as Record<symbol, boolean>)[OURS] = true;
  if (stock != null) tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc, setupFunc: stock?.setupFunc });
}

function requireStock(name: string, stock: tf.KernelFunc | null): tf.KernelFunc {
  if (stock == null) throw new Error(`tfjs-backend-wasm has no ${name} kernel to fall back on; expected version 4.22.`);
  return stock;
}

/**
 * Registers our kernels for the wasm backend: Conv2DBackpropFilter (missing in
 * tfjs-backend-wasm 4.22), Conv2DBackpropInput (the stock one is a scalar loop), MaxPoolGrad,
 * Sum (per-channel sums for bias gradients without a transpose) and Identity (no copy). Each
 * defers to the stock kernel, or an exact loop, where it has no fast path. Idempotent.
 * Returns the kernel names now served by our code.
 */
export function registerWasmGradKernels(): string[] {
  install('Conv2DBackpropFilter', () => conv2dBackpropFilterWasm);
  install('Conv2DBackpropInput', (stock) => makeConv2dBackpropInputWasm(requireStock('Conv2DBackpropInput', stock)));
  install('MaxPoolGrad', () => maxPoolGradWasm);
  install('Sum', (stock) => makeChannelSumWasm(requireStock('Sum', stock)));
  install('Identity', () => sharedIdentityWasm);
  return ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Sum', 'Identity'];
}
