import * as tf from '@tensorflow/tfjs-core';
import { installKernel, requirePrevious, uninstallKernel, type AnyKernel } from '../kernelRegistry';
import { CONV_BIAS_RELU, convBiasReluGradConfig, RELU_GRAD } from './convBiasRelu';
import type { OnednnAddon } from './loadOnednn';
import { makeBatchMatMul, makeChannelSum, makeConv2d, makeConv2dBackprop, makeMaxPool, makeMaxPoolGrad, makeReluGrad, makeDropoutMask, DROPOUT_MASK } from './onednnKernels';

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

/**
 * Kernels of our own, which no wasm kernel served before: each falls back on stock kernels
 * (`kernel(name)`: whatever serves that name now) for the cases the addon does not take.
 */
const OWN_KERNELS: Record<string, (addon: OnednnAddon, kernel: (name: string) => tf.KernelFunc) => AnyKernel> = {
  // A convolution with bias and ReLU while training, and ReLU's gradient from its output (convBiasRelu.ts).
  [CONV_BIAS_RELU]: (addon, kernel) => makeConv2d(addon, kernel('FusedConv2D'), true),
  [RELU_GRAD]: (addon, kernel) => makeReluGrad(addon, kernel('Step'), kernel('Multiply')),
  // Dropout's multiplier, drawn into the backend's memory (pipeline/train/nativeDropout.ts).
  [DROPOUT_MASK]: (addon) => makeDropoutMask(addon),
};

/** The wasm kernels the addon serves (each falls back to the kernel it replaced for other cases). */
export const ONEDNN_KERNELS = [...Object.keys(KERNELS), ...Object.keys(OWN_KERNELS)];

/**
 * Puts the oneDNN kernels on top of the wasm backend's current ones (stock or ours), which
 * stay as their fallbacks. Idempotent; `unregisterOnednnKernels` restores the previous set.
 */
export function registerOnednnKernels(addon: OnednnAddon): string[] {
  for (const [name, make] of Object.entries(KERNELS)) {
    installKernel(name, MARKER, (previous) => make(addon, requirePrevious(name, previous)));
  }
  const kernel = (name: string) => requirePrevious(name, tf.getKernel(name, 'wasm')?.kernelFunc ?? null);
  for (const [name, make] of Object.entries(OWN_KERNELS)) installKernel(name, MARKER, () => make(addon, kernel));
  // Gradients are registered by kernel name for every backend; this one is only reached through our kernel.
  tf.registerGradient(convBiasReluGradConfig);
  return ONEDNN_KERNELS;
}

export function unregisterOnednnKernels(): void {
  for (const name of ONEDNN_KERNELS) uninstallKernel(name, MARKER);
}
