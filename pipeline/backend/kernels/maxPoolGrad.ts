import * as tf from '@tensorflow/tfjs-core';
import { heapF32, type WasmBackendLike } from './wasmKernelCall';

/**
 * MaxPoolGrad for the wasm backend as a plain loop over the wasm heap. Each output cell sends
 * its gradient to the first strict maximum of its window (row-major), exactly as the cpu
 * backend does, so ties (common after ReLU) resolve the same way. One pass over the
 * windows, no scatter search: far cheaper than the backend's own kernel for 2×2 pools.
 */
export function maxPoolGradWasm(args: { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { dy, input } = args.inputs as unknown as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views only after the allocation above (heap growth would detach earlier views).
  const x = heapF32(backend, input);
  const g = heapF32(backend, dy);
  const out = heapF32(backend, dx);
  out.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth } = info;
  const fh = info.effectiveFilterHeight;
  const fw = info.effectiveFilterWidth;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const rowStride = inWidth * C;
  const imageStride = inHeight * rowStride;
  if (isTiled2x2(info)) {
    tiled2x2(x, g, out, batchSize, imageStride, rowStride, C, outHeight, outWidth);
    return dx;
  }
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const imageBase = b * imageStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padTop;
      const yMin = Math.max(0, y0);
      const yMax = Math.min(inHeight, y0 + fh);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padLeft;
        const xMin = Math.max(0, x0);
        const xMax = Math.min(inWidth, x0 + fw);
        for (let c = 0; c < C; c++, gi++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let yy = yMin; yy < yMax; yy++) {
            const rowBase = imageBase + yy * rowStride + c;
            for (let xx = xMin; xx < xMax; xx++) {
              const i = rowBase + xx * C;
              const v = x[i];
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          if (at >= 0) out[at] += g[gi];
        }
      }
    }
  }
  return dx;
}

/** 2×2 windows, stride 2, no padding, none hanging over the bottom or right edge: the unrolled path. */
export function isTiled2x2(info: tf.backend_util.Conv2DInfo): boolean {
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  return (
    fh === 2 &&
    fw === 2 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.strideHeight === fh &&
    info.strideWidth === fw &&
    info.outHeight * fh <= info.inHeight &&
    info.outWidth * fw <= info.inWidth
  );
}

/**
 * The model's case: 2×2 windows, stride 2, no padding. Windows do not overlap, so each input
 * cell receives at most one gradient and the window scan is four unrolled comparisons.
 */
function tiled2x2(
  x: Float32Array,
  g: Float32Array,
  out: Float32Array,
  batchSize: number,
  imageStride: number,
  rowStride: number,
  C: number,
  outHeight: number,
  outWidth: number,
): void {
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const rowBase = b * imageStride + 2 * oy * rowStride;
      for (let ox = 0; ox < outWidth; ox++) {
        const base = rowBase + 2 * ox * C;
        for (let c = 0; c < C; c++, gi++) {
          const i0 = base + c;
          const i1 = i0 + C;
          const i2 = i0 + rowStride;
          const i3 = i2 + C;
          // First strict maximum in row-major order, starting from −∞ (NaN never wins), as the cpu backend.
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          if (x[i0] > best) { best = x[i0]; at = i0; }
          if (x[i1] > best) { best = x[i1]; at = i1; }
          if (x[i2] > best) { best = x[i2]; at = i2; }
          if (x[i3] > best) { at = i3; }
          if (at >= 0) out[at] = g[gi];
        }
      }
    }
  }
}
