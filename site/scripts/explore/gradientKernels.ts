// The kernels the attribution maps' backward pass adds to the forward ones (cpuKernels.ts), found
// with tf.profile of Grad-CAM and the input gradient on the saved model. Registered only when the
// reader opens the maps (attribution.ts is loaded on demand), so the page's first load stays light.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { conv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2D';
import { conv2DBackpropInputConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput';
import { fillConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Fill';
import { maxPoolGradConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPoolGrad';
import { meanConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { multiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { oneHotConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OneHot';
import { resizeBilinearConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ResizeBilinear';
import { stepConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Step';
import { sumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { registerMissingKernels } from './cpuKernels';

const KERNELS: KernelConfig[] = [
  batchMatMulConfig, conv2DConfig, conv2DBackpropInputConfig, fillConfig, maxPoolGradConfig, meanConfig, multiplyConfig, oneHotConfig,
  resizeBilinearConfig, stepConfig, sumConfig,
];

export function registerGradientKernels(): void {
  registerMissingKernels(KERNELS);
}
