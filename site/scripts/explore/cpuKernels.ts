// The cpu backend with only the kernels the explorer's forward pass dispatches, instead of all ~390:
// the page loads far less JavaScript. The list is what tf.profile reports for models using every layer
// of the supported vocabulary (Conv2D with any padding, strides and a relu/elu/tanh/sigmoid/linear
// activation, Max/AveragePooling2D, global pooling, BatchNormalization, ReLU (with a maximum),
// LeakyReLU, Activation, Softmax, Flatten, Reshape, Rescaling, ZeroPadding2D, Dropout, Dense).
// Kernels call each other's implementations directly, so only these top-level ones need registering.
// A kernel missing here fails loudly ("Kernel 'X' not registered"); test/site/explore/vocabulary.test.ts
// runs such models with only these kernels.
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { getKernel, registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { addConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { avgPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AvgPool';
import { batchNormConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchNorm';
import { castConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { clipByValueConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ClipByValue';
import { eluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Elu';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FusedConv2D';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { identityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { leakyReluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LeakyRelu';
import { maxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { meanConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { minimumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Minimum';
import { multiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { padV2Config } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2';
import { reluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { sigmoidConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sigmoid';
import { sliceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { tanhConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh';

const KERNELS: KernelConfig[] = [
  // The tutorial's network.
  addConfig, castConfig, fusedConv2DConfig, _fusedMatMulConfig, identityConfig, maxPoolConfig, reluConfig, reshapeConfig, sliceConfig, softmaxConfig,
  // The rest of the layer vocabulary: pooling, global pooling (Mean, Max), BatchNorm, activations, Rescaling (Multiply), ZeroPadding2D (PadV2), ReLU's maximum.
  avgPoolConfig, meanConfig, maxConfig, batchNormConfig, leakyReluConfig, eluConfig, sigmoidConfig, tanhConfig, multiplyConfig, padV2Config, minimumConfig, clipByValueConfig,
];

/** Registers each kernel not registered yet: once per page, however many explorers start (a second registration would warn). */
export function registerMissingKernels(kernels: readonly KernelConfig[]): void {
  for (const kernel of kernels) if (!getKernel(kernel.kernelName, kernel.backendName)) registerKernel(kernel);
}

export function registerExplorerKernels(): void {
  registerMissingKernels(KERNELS);
}
