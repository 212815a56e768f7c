// The forward kernels the rest of the layer vocabulary needs beyond the tutorial's (cpuKernels.ts), found
// with tf.profile on models using every supported layer: AveragePooling2D, global pooling (Mean, Max),
// BatchNormalization, LeakyReLU, ELU/tanh/sigmoid activations, Rescaling (Multiply), ZeroPadding2D
// (PadV2), relu6 and ReLU with a maximum (Minimum, ClipByValue). Loaded as a chunk of its own, only
// for a model that needs it (needsVocabularyKernels), so the tutorial's explore page does not carry it.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { avgPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AvgPool';
import { batchNormConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchNorm';
import { clipByValueConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ClipByValue';
import { eluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Elu';
import { leakyReluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LeakyRelu';
import { maxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max';
import { meanConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { minimumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Minimum';
import { multiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { padV2Config } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2';
import { sigmoidConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sigmoid';
import { tanhConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh';
import { registerMissingKernels } from './cpuKernels';

const KERNELS: KernelConfig[] = [
  avgPoolConfig, meanConfig, maxConfig, batchNormConfig, leakyReluConfig, eluConfig, sigmoidConfig, tanhConfig, multiplyConfig, padV2Config, minimumConfig, clipByValueConfig,
];

export function registerVocabularyKernels(): void {
  registerMissingKernels(KERNELS);
}
