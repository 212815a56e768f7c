// A convolution with its bias and ReLU as one kernel while training (issue #24). Under a gradient
// tape tfjs-core does not fuse an activation into a convolution (fused.conv2d's shouldFuse): a
// Conv2D layer with ReLU runs Conv2D, Add (the bias) and Relu, and its gradient Step, Multiply
// and Sum besides the two convolution gradients. This kernel computes relu(x ⊛ filter + bias) in
// one oneDNN call (bias and ReLU as post-ops), and its gradient is the one TF.js would have taken
// through the three kernels, from the saved output: dz = dy · step(y), since y > 0 exactly where
// the convolution plus bias is, in one native pass (RELU_GRAD), then the same convolution gradients
// and bias sum.
import * as tf from '@tensorflow/tfjs-core';

/** Our kernel name: FusedConv2D's inputs (x, filter, bias) and attributes, with ReLU and NHWC data. */
export const CONV_BIAS_RELU = 'Conv2DBiasReluTraining';

/** Our kernel name: dy · step(y), ReLU's gradient from its output y (inputs dy and y). */
export const RELU_GRAD = 'ReluGradFromOutput';

export interface ConvBiasReluGeometry {
  strides: [number, number];
  pad: 'valid' | 'same';
}

function attrsOf({ strides, pad }: ConvBiasReluGeometry) {
  return { strides, pad, dataFormat: 'NHWC' as const, dilations: [1, 1] as [number, number], dimRoundingMode: undefined, activation: 'relu' as const };
}

/**
 * relu(x ⊛ filter + bias), recorded on the tape as one kernel with the gradient below. Needs the
 * kernel registered for the current backend (registerOnednnKernels does it for wasm).
 */
export function convBiasRelu(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, geometry: ConvBiasReluGeometry): tf.Tensor4D {
  return tf.engine().runKernel(CONV_BIAS_RELU, { x, filter, bias }, attrsOf(geometry) as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/**
 * TF.js's unfused gradient: Relu's (dy · step, in one kernel registered with this one), then Add's for the bias (a sum
 * over every axis but the channels) and Conv2D's for x and the filter. The masked gradient is made
 * when the gradient is taken, not in the per-input thunks: the tape disposes what each thunk makes.
 */
export const convBiasReluGradConfig: tf.GradConfig = {
  kernelName: CONV_BIAS_RELU,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as tf.Tensor4D[];
    const { strides, pad } = attrs as unknown as ConvBiasReluGeometry;
    const dz = tf.engine().runKernel(RELU_GRAD, { dy: dy as tf.Tensor4D, y }) as tf.Tensor4D;
    const geometry = { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
    return {
      x: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter }, { ...geometry, inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      filter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { ...geometry, filterShape: filter.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      bias: () => tf.sum(dz, [0, 1, 2]),
    };
  },
};
