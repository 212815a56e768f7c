// The cpu backend with only the kernels the explorer's forward pass dispatches (found with
// tf.profile on the saved model), instead of all ~390: the page loads far less JavaScript.
// Kernels call each other's implementations directly, so only these top-level ones need registering.
// A kernel missing here fails loudly ("Kernel 'X' not registered"), and the browser test would catch it.
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { getKernel, registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { addConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { castConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FusedConv2D';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { identityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { reluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { sliceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';

const KERNELS: KernelConfig[] = [
  addConfig, castConfig, fusedConv2DConfig, _fusedMatMulConfig, identityConfig, maxPoolConfig, reluConfig, reshapeConfig, sliceConfig, softmaxConfig,
];

/** Registers each kernel not registered yet: once per page, however many explorers start (a second registration would warn). */
export function registerMissingKernels(kernels: readonly KernelConfig[]): void {
  for (const kernel of kernels) if (!getKernel(kernel.kernelName, kernel.backendName)) registerKernel(kernel);
}

export function registerExplorerKernels(): void {
  registerMissingKernels(KERNELS);
}
