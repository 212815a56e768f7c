import * as tf from '@tensorflow/tfjs-core';
import { callWasmKernel, heapF32, release, type WasmBackendLike } from './wasmKernelCall';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: unknown };

/**
 * Input gradient of a 2-D convolution on the wasm backend, two ways, both on the backend's
 * fast (XNNPACK) forward Conv2D instead of its scalar Conv2DBackpropInput loop:
 *
 * - full convolution (stride 1): pad dy by K−1−p and convolve with the filter flipped in space
 *   and with in/out channels swapped. Cheap when the output is not much larger than dy;
 * - GEMM + col2im (any stride/padding): a 1×1 convolution multiplies dy by the transposed
 *   filter, giving each output pixel's KH·KW·CI contributions, which a loop adds into place.
 *   It skips the multiplications by the zero padding that the full convolution wastes when dy
 *   is small (the model's last conv: 3×3 dy, 5×5 input — 2.8× fewer multiply-adds).
 *
 * Channels-first data goes to `fallback` (the stock kernel), slower but exact.
 */
export function makeConv2dBackpropInputWasm(fallback: tf.KernelFunc) {
  return function conv2dBackpropInputWasm(args: KernelArgs): tf.TensorInfo {
    const backend = args.backend as WasmBackendLike;
    const { dy, filter } = args.inputs as unknown as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
    );
    const path = inputGradPath(info, dy.shape);
    if (path === 'stock') return fallback(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    return path === 'full-conv' ? viaFullConv(dy, filter, info, backend) : viaCol2im(dy, filter, info, backend);
  };
}

/**
 * Which formulation computes the input gradient: the stock kernel for channels-first data; the
 * full convolution for stride 1 with paddings it can express, unless dy is much smaller than the
 * input (then it would mostly multiply zero padding); else GEMM + col2im.
 */
export function inputGradPath(info: tf.backend_util.Conv2DInfo, dyShape: readonly number[]): 'stock' | 'full-conv' | 'col2im' {
  const usable = info.dataFormat === 'channelsLast' && dyShape[1] === info.outHeight && dyShape[2] === info.outWidth;
  if (!usable) return 'stock';
  const { filterHeight: kh, filterWidth: kw } = info;
  const { top, bottom, left, right } = info.padInfo;
  const fullConvOk =
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    [top, bottom].every((p) => p >= 0 && p <= kh - 1) &&
    [left, right].every((p) => p >= 0 && p <= kw - 1);
  // Multiply-adds of the full convolution relative to GEMM + col2im: input area / dy area.
  const wasteRatio = (info.inHeight * info.inWidth) / (info.outHeight * info.outWidth);
  return fullConvOk && wasteRatio < 1.6 ? 'full-conv' : 'col2im';
}

function viaFullConv(dy: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, backend: WasmBackendLike): tf.TensorInfo {
  const { filterHeight: kh, filterWidth: kw } = info;
  const { top, bottom, left, right } = info.padInfo;
  const flipped = callWasmKernel('Reverse', { x: filter }, { dims: [0, 1] }, backend);
  const swapped = callWasmKernel('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }, backend);
  release(backend, flipped);
  const dx = callWasmKernel(
    'Conv2D',
    { x: dy, filter: swapped },
    {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [[0, 0], [kh - 1 - top, kh - 1 - bottom], [kw - 1 - left, kw - 1 - right], [0, 0]],
      dataFormat: 'NHWC',
    },
    backend,
  );
  release(backend, swapped);
  return dx;
}

function viaCol2im(dy: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, backend: WasmBackendLike): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight, strideWidth } = info;
  const taps = kh * kw * ci;
  // [KH,KW,CI,CO] → [CO,KH,KW,CI], seen as a 1×1 filter mapping CO channels to KH·KW·CI.
  const transposed = callWasmKernel('Transpose', { x: filter }, { perm: [3, 0, 1, 2] }, backend);
  const asGemm = callWasmKernel('Reshape', { x: transposed }, { shape: [1, 1, co, taps] }, backend);
  release(backend, transposed);
  const columns = callWasmKernel('Conv2D', { x: dy, filter: asGemm }, { strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' }, backend);
  release(backend, asGemm);
  const dx = backend.makeOutput([batchSize, inHeight, inWidth, ci], 'float32');
  const col = heapF32(backend, columns);
  const out = heapF32(backend, dx);
  out.fill(0);
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  let src = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++, src += taps) {
        for (let fy = 0; fy < kh; fy++) {
          const iy = oy * strideHeight + fy - pt;
          if (iy < 0 || iy >= inHeight) continue;
          for (let fx = 0; fx < kw; fx++) {
            const ix = ox * strideWidth + fx - pl;
            if (ix < 0 || ix >= inWidth) continue;
            const dst = ((b * inHeight + iy) * inWidth + ix) * ci;
            const from = src + (fy * kw + fx) * ci;
            for (let c = 0; c < ci; c++) out[dst + c] += col[from + c];
          }
        }
      }
    }
  }
  release(backend, columns);
  return dx;
}
