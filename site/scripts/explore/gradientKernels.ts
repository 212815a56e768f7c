// The kernels the attribution maps' backward pass adds to the forward ones (cpuKernels.ts), found
// with tf.profile of Grad-CAM and the input gradient on models using every layer of the vocabulary
// (an activation's gradient is unfused: Conv2D, then its own op). Registered only when the reader opens
// the maps (attribution.ts is loaded on demand), so the page's first load stays light.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { avgPoolGradConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AvgPoolGrad';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { conv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2D';
import { conv2DBackpropFilterConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput';
import { eluGradConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/EluGrad';
import { equalConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Equal';
import { fillConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Fill';
import { greaterConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Greater';
import { greaterEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GreaterEqual';
import { lessEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LessEqual';
import { logicalAndConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalAnd';
import { maxPoolGradConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPoolGrad';
import { meanConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { multiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { oneHotConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OneHot';
import { realDivConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv';
import { resizeBilinearConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ResizeBilinear';
import { rsqrtConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Rsqrt';
import { selectConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Select';
import { squareConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import { stepConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Step';
import { subConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { sumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { tileConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile';
import { zerosLikeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike';
import { registerMissingKernels } from './cpuKernels';

const KERNELS: KernelConfig[] = [
  // The tutorial's network.
  batchMatMulConfig, conv2DConfig, conv2DBackpropInputConfig, fillConfig, maxPoolGradConfig, meanConfig, multiplyConfig, oneHotConfig, resizeBilinearConfig, stepConfig, sumConfig,
  // The rest of the vocabulary: pooling and activation gradients, a linear convolution's fused gradient (filter too),
  // BatchNorm's (Rsqrt, Tile, Sub, RealDiv), global max pooling's (Equal), ReLU with a maximum (comparisons, Select), tanh's (Square).
  avgPoolGradConfig, eluGradConfig, conv2DBackpropFilterConfig, rsqrtConfig, tileConfig, subConfig, realDivConfig, equalConfig, greaterConfig,
  greaterEqualConfig, lessEqualConfig, logicalAndConfig, selectConfig, squareConfig, zerosLikeConfig,
];

export function registerGradientKernels(): void {
  registerMissingKernels(KERNELS);
}
