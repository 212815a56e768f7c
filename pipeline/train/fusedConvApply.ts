// Conv2D layers with bias and ReLU as one kernel while training (issue #24; see
// pipeline/backend/onednn/convBiasRelu.ts for the kernel and its gradient).
import * as tf from '@tensorflow/tfjs-core';
import { CONV_BIAS_RELU, convBiasRelu } from '../backend/onednn/convBiasRelu';
import type { ApplyLayer } from '../model/logits';
import { perLayer } from './perLayer';

interface Conv2DConfig {
  activation?: string;
  useBias?: boolean;
  dataFormat?: string;
  dilationRate?: number | number[];
  strides?: number | number[];
  padding?: string;
  activityRegularizer?: unknown;
}

interface ConvWeights {
  kernel?: { read(): tf.Tensor };
  bias?: { read(): tf.Tensor } | null;
}

const pair = (v: number | number[] | undefined): [number, number] => (Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v ?? 1, v ?? 1]);

/** A Conv2D layer's strides and padding when the fused kernel computes exactly what the layer would, else null. */
export function fusableGeometry(config: Conv2DConfig): { strides: [number, number]; pad: 'valid' | 'same' } | null {
  const { activation, useBias, dataFormat, dilationRate, padding, activityRegularizer } = config;
  if (activation !== 'relu' || useBias === false || (dataFormat ?? 'channelsLast') !== 'channelsLast') return null;
  if (activityRegularizer != null || pair(dilationRate).some((d) => d !== 1)) return null;
  if (padding !== 'valid' && padding !== 'same') return null;
  return { strides: pair(config.strides), pad: padding };
}

/**
 * Applies a Conv2D layer with bias and ReLU (channels last, no dilation) through the one kernel,
 * with the same result and gradients as the layer; every other layer, and every layer when the
 * kernel is not registered for the current backend (no addon), goes to `next`.
 */
export function fusedConvApply(next: ApplyLayer): ApplyLayer {
  const geometryOf = perLayer((config) => fusableGeometry(config as Conv2DConfig));
  return (layer, h, training) => {
    // A non-float input goes to the layer, which says what it expects.
    if (layer.getClassName() !== 'Conv2D' || h.dtype !== 'float32') return next(layer, h, training);
    const geometry = geometryOf(layer);
    const { kernel, bias } = layer as unknown as ConvWeights;
    // No kernel yet: a layer not built, which the layer's own apply builds.
    if (geometry == null || kernel == null || bias == null || tf.getKernel(CONV_BIAS_RELU, tf.getBackend()) == null) return next(layer, h, training);
    return convBiasRelu(h as tf.Tensor4D, kernel.read() as tf.Tensor4D, bias.read() as tf.Tensor1D, geometry);
  };
}
