import * as tf from '@tensorflow/tfjs-core';

export type AnyKernel = (args: { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: unknown }) => tf.TensorInfo;

/** Set on a kernel function we installed: the marker of its kernel set and the config it replaced. */
const REPLACED = Symbol.for('cnn-hidden-truth.replacedKernel');

interface Replacement {
  marker: string;
  previous: tf.KernelConfig | undefined;
}

function replacementOf(config: tf.KernelConfig | undefined): Replacement | undefined {
  return (config?.kernelFunc as unknown as Record<symbol, Replacement> | undefined)?.[REPLACED];
}

/** Whether the current wasm kernel `name` (or one it wraps) was installed with `marker`. */
function installedWith(name: string, marker: string): boolean {
  for (let config: tf.KernelConfig | undefined = tf.getKernel(name, 'wasm'); config != null; config = replacementOf(config)?.previous) {
    if (replacementOf(config)?.marker === marker) return true;
  }
  return false;
}

/**
 * Installs `make(previous)` as the wasm kernel `name`, where `previous` is whatever served it
 * before (the stock kernel or one of ours), handed over as the fallback for the cases the new
 * code does not cover. The previous setup function is kept: it binds the C++ entry point the
 * fallback calls, should the backend initialise later. Idempotent per marker, and undone by
 * `uninstallKernel` with the same marker, so kernel sets can be switched within one process.
 */
export function installKernel(name: string, marker: string, make: (previous: tf.KernelFunc | null) => AnyKernel): void {
  if (installedWith(name, marker)) return;
  const previous = tf.getKernel(name, 'wasm');
  const kernelFunc = make(previous?.kernelFunc ?? null) as unknown as tf.KernelFunc;
  (kernelFunc as unknown as Record<symbol, Replacement>)[REPLACED] = { marker, previous };
  if (previous != null) tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc, setupFunc: previous?.setupFunc });
}

/** Restores what `installKernel(name, marker, …)` replaced, if that kernel is the current one. */
export function uninstallKernel(name: string, marker: string): void {
  const current = tf.getKernel(name, 'wasm');
  const replaced = replacementOf(current);
  if (replaced?.marker !== marker) return;
  tf.unregisterKernel(name, 'wasm');
  if (replaced.previous != null) tf.registerKernel(replaced.previous);
}

export function requirePrevious(name: string, previous: tf.KernelFunc | null): tf.KernelFunc {
  if (previous == null) throw new Error(`tfjs-backend-wasm has no ${name} kernel to fall back on; expected version 4.22.`);
  return previous;
}
