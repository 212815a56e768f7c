import type * as tf from '@tensorflow/tfjs-core';
import { callWasmKernel, heapF32, release, type WasmBackendLike } from './wasmKernelCall';

/**
 * Filter gradient as one matrix product on XNNPACK, via a 1×1 convolution:
 * dW[p, co] = Σ_m patches[m, p] · dy[m, co], with m = (n, oh, ow) and p = (kh, kw, ci).
 * XNNPACK repacks a convolution's filter on every call (the operands change every step), and
 * repacking costs several multiply-adds' worth per element, so this form, where the patch
 * matrix [M, P] is the filter and dy transposed [CO, M] the input, pays off when P < CO (the
 * first layer: P = 9 taps, CO = 32). Patches are gathered from x by a loop (im2col); any
 * stride and padding, channels-last only.
 */
export function filterGradViaGemm(x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, backend: WasmBackendLike): tf.TensorInfo {
  const { batchSize, filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co, outHeight, outWidth } = info;
  const p = kh * kw * ci;
  const m = batchSize * outHeight * outWidth;
  const patches = backend.makeOutput([1, 1, m, p], 'float32');
  gatherPatches(heapF32(backend, x), heapF32(backend, patches), info);
  const dy2d = callWasmKernel('Reshape', { x: dy }, { shape: [m, co] }, backend);
  const dyT = callWasmKernel('Transpose', { x: dy2d }, { perm: [1, 0] }, backend);
  release(backend, dy2d);
  const dyTInput = callWasmKernel('Reshape', { x: dyT }, { shape: [1, co, 1, m] }, backend);
  release(backend, dyT);
  const product = callWasmKernel('Conv2D', { x: dyTInput, filter: patches }, gemmAttrs, backend); // [1, CO, 1, P]
  release(backend, dyTInput, patches);
  const asRows = callWasmKernel('Reshape', { x: product }, { shape: [co, p] }, backend);
  release(backend, product);
  const transposed = callWasmKernel('Transpose', { x: asRows }, { perm: [1, 0] }, backend);
  release(backend, asRows);
  const dw = callWasmKernel('Reshape', { x: transposed }, { shape: [kh, kw, ci, co] }, backend);
  release(backend, transposed);
  return dw;
}

const gemmAttrs = { strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' };

/** im2col: patches[m, p] = x[n, oh·s + kh − pt, ow·s + kw − pl, ci] (0 outside the image). */
function gatherPatches(x: Float32Array, out: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, filterHeight: kh, filterWidth: kw } = info;
  const { strideHeight, strideWidth } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const p = kh * kw * ci;
  out.fill(0);
  let row = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++, row++) {
        for (let fy = 0; fy < kh; fy++) {
          const iy = oy * strideHeight + fy - pt;
          if (iy < 0 || iy >= inHeight) continue;
          for (let fx = 0; fx < kw; fx++) {
            const ix = ox * strideWidth + fx - pl;
            if (ix < 0 || ix >= inWidth) continue;
            const from = ((b * inHeight + iy) * inWidth + ix) * ci;
            const tap = (fy * kw + fx) * ci;
            const to = row * p + tap;
            for (let c = 0; c < ci; c++) out[to + c] = x[from + c];
          }
        }
      }
    }
  }
}
