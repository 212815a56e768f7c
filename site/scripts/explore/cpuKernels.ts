// The cpu backend with only the kernels the explorer's forward pass dispatches (found with tf.profile),
// instead of all ~390: the page loads far less JavaScript. These are the tutorial network's; a model
// with other layers or activations also loads vocabularyKernels.ts, a chunk of its own, so the
// tutorial's explore page stays as light as before (see needsVocabularyKernels).
// Kernels call each other's implementations directly, so only these top-level ones need registering.
// A kernel missing here fails loudly ("Kernel 'X' not registered"); test/site/explore/vocabulary.test.ts
// runs models of the whole vocabulary with only the slim lists.
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

/** The tutorial network's layer classes and activations: the kernels above run them (convolutions and Dense fuse relu and linear). */
const TUTORIAL_LAYERS = new Set(['InputLayer', 'Conv2D', 'MaxPooling2D', 'Dropout', 'Flatten', 'Dense']);
const TUTORIAL_ACTIVATIONS = new Set(['relu', 'linear', 'softmax']);

/** Whether a model (its layers' Keras classes and activations) needs more than the tutorial's kernels. */
export function needsVocabularyKernels(layers: readonly { className: string; activation?: unknown }[]): boolean {
  return layers.some((l) => !TUTORIAL_LAYERS.has(l.className) || (l.activation !== undefined && !TUTORIAL_ACTIVATIONS.has(String(l.activation))));
}
