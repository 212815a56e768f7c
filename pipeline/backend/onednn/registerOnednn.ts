import type * as tf from '@tensorflow/tfjs-core';
import { installKernel, requirePrevious, uninstallKernel, type AnyKernel } from '../kernelRegistry';
import type { OnednnAddon } from './loadOnednn';
import { makeBatchMatMul, makeChannelSum, makeConv2d, makeConv2dBackprop, makeMaxPool, makeMaxPoolGrad } from './onednnKernels';

const MARKER = 'onednn';

const KERNELS: Record<string, (addon: OnednnAddon, previous: tf.KernelFunc) => AnyKernel> = {
  Conv2D: (addon, previous) => makeConv2d(addon, previous, false),
  FusedConv2D: (addon, previous) => makeConv2d(addon, previous, true),
  Conv2DBackpropInput: (addon, previous) => makeConv2dBackprop(addon, previous, 'input'),
  Conv2DBackpropFilter: (addon, previous) => makeConv2dBackprop(addon, previous, 'filter'),
  MaxPool: makeMaxPool,
  MaxPoolGrad: makeMaxPoolGrad,
  // Found by profiling the rest of the step: bias gradients, 3.5× faster than our JS column sums.
  Sum: makeChannelSum,
  // The dense layers: oneDNN's sgemm against the wasm backend's own (see npm run bench).
  BatchMatMul: makeBatchMatMul,
};

/** The wasm kernels the addon serves (each falls back to the kernel it replaced for other cases). */
export const ONEDNN_KERNELS = Object.keys(KERNELS);

/**
 * Puts the oneDNN kernels on top of the wasm backend's current ones (stock or ours), which
 * stay as their fallbacks. Idempotent; `unregisterOnednnKernels` restores the previous set.
 */
export function registerOnednnKernels(addon: OnednnAddon): string[] {
  for (const [name, make] of Object.entries(KERNELS)) {
    installKernel(name, MARKER, (previous) => make(addon, requirePrevious(name, previous)));
  }
  return ONEDNN_KERNELS;
}

export function unregisterOnednnKernels(): void {
  for (const name of ONEDNN_KERNELS) uninstallKernel(name, MARKER);
}
