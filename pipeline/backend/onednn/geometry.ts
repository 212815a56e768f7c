import type * as tf from '@tensorflow/tfjs-core';

/**
 * The geometry the addon reads (native/src/kernels.hpp: Conv and Pool, field for field), or
 * null when oneDNN cannot express the case exactly as TF.js computes it: channels-first data,
 * dilations, negative padding, empty tensors, or an output size that oneDNN's floor rule would
 * not give (e.g. explicit padding with `dimRoundingMode: 'ceil'`). Those go to the fallback kernel.
 */
export function convDims(info: tf.backend_util.Conv2DInfo): Int32Array | null {
  if (!expressible(info)) return null;
  const { padInfo: p } = info;
  return Int32Array.of(
    info.batchSize, info.inHeight, info.inWidth, info.inChannels,
    info.filterHeight, info.filterWidth, info.outChannels, info.outHeight, info.outWidth,
    info.strideHeight, info.strideWidth, p.top, p.left, p.bottom, p.right,
    info.dilationHeight, info.dilationWidth,
  ); // prettier-ignore
}

/** Pooling geometry (computePool2DInfo gives the same Conv2DInfo record). */
export function poolDims(info: tf.backend_util.Conv2DInfo): Int32Array | null {
  if (!expressible(info)) return null;
  const { padInfo: p } = info;
  return Int32Array.of(
    info.batchSize, info.inHeight, info.inWidth, info.inChannels,
    info.filterHeight, info.filterWidth, info.outHeight, info.outWidth,
    info.strideHeight, info.strideWidth, p.top, p.left, p.bottom, p.right,
  ); // prettier-ignore
}

function expressible(info: tf.backend_util.Conv2DInfo): boolean {
  const { padInfo: p } = info;
  return (
    info.dataFormat === 'channelsLast' &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    [info.batchSize, info.inChannels, info.outChannels].every((n) => n > 0) &&
    fits(info.inHeight, info.filterHeight, p.top, p.bottom, info.strideHeight, info.outHeight) &&
    fits(info.inWidth, info.filterWidth, p.left, p.right, info.strideWidth, info.outWidth)
  );
}

/** oneDNN's output-size rule, out = ⌊(in + padBefore + padAfter − kernel) / stride⌋ + 1, with no negative padding. */
function fits(size: number, kernel: number, before: number, after: number, stride: number, out: number): boolean {
  return size > 0 && before >= 0 && after >= 0 && out >= 1 && Math.floor((size + before + after - kernel) / stride) + 1 === out;
}
