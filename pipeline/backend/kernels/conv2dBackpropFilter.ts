import * as tf from '@tensorflow/tfjs-core';
import { filterGradViaGemm } from './filterGradGemm';
import { callWasmKernel, heapF32, release, type WasmBackendLike } from './wasmKernelCall';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: unknown };

/**
 * Filter gradient of a 2-D convolution on the wasm backend (which has no such kernel).
 *
 * dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[n,oh,ow,co]
 * is itself a convolution: take x as a batch of CI single images with N channels
 * ([CI,H,W,N]) and dy as a filter of size OH×OW mapping N → CO ([OH,OW,N,CO]); slide it with
 * stride 1 and dilation s. The output [CI,KH,KW,CO] is transposed to [KH,KW,CI,CO]. This reuses
 * the backend's fast (XNNPACK) forward convolution. Layouts or paddings it cannot express go
 * to a direct loop that is slow but exact.
 */
export function conv2dBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, dy } = args.inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const path = filterGradPath(info, dy.shape);
  if (path === 'direct') return filterGradDirect(x, dy, info, backend);
  return path === 'gemm' ? filterGradViaGemm(x, dy, info, backend) : viaForwardConv(x, dy, info, backend);
}

/**
 * Which formulation computes the filter gradient: the direct loop for layouts or paddings the fast
 * ones cannot express; else, with few taps and many output channels (the first layer: 9 taps,
 * 32 channels), the GEMM, since the forward-conv formulation would repack all of dy as a filter.
 */
export function filterGradPath(info: tf.backend_util.Conv2DInfo, dyShape: readonly number[]): 'direct' | 'gemm' | 'forward-conv' {
  const fast =
    info.dataFormat === 'channelsLast' &&
    dyShape[1] === info.outHeight &&
    dyShape[2] === info.outWidth &&
    info.padInfo.top >= 0 &&
    info.padInfo.left >= 0;
  if (!fast) return 'direct';
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  return taps < info.outChannels ? 'gemm' : 'forward-conv';
}

function viaForwardConv(x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, backend: WasmBackendLike): tf.TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  // Enough zero rows/columns below and right that the output covers all KH×KW taps; any
  // surplus rows are sliced off afterwards.
  const pb = Math.max(0, kh - inHeight - pt + (outHeight - 1) * strideHeight);
  const pr = Math.max(0, kw - inWidth - pl + (outWidth - 1) * strideWidth);
  const xT = callWasmKernel('Transpose', { x }, { perm: [3, 1, 2, 0] }, backend);
  const dyT = callWasmKernel('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend);
  const conv = callWasmKernel(
    'Conv2D',
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      dilations: [strideHeight, strideWidth],
      pad: [[0, 0], [pt, pb], [pl, pr], [0, 0]],
      dataFormat: 'NHWC',
    },
    backend,
  );
  release(backend, xT, dyT);
  let taps = conv;
  if (conv.shape[1] !== kh || conv.shape[2] !== kw) {
    taps = callWasmKernel('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [conv.shape[0], kh, kw, conv.shape[3]] }, backend);
    release(backend, conv);
  }
  const dw = callWasmKernel('Transpose', { x: taps }, { perm: [1, 2, 0, 3] }, backend);
  release(backend, taps);
  return dw;
}

/** Exact reference loop for any layout/padding (used only where the fast paths do not apply). */
export function filterGradDirect(x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, backend: WasmBackendLike): tf.TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co, batchSize } = info;
  const { inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const last = info.dataFormat === 'channelsLast';
  // Element strides of x and dy in either layout.
  const xs = last ? [inHeight * inWidth * ci, inWidth * ci, ci, 1] : [ci * inHeight * inWidth, inWidth, 1, inHeight * inWidth];
  const ys = last ? [outHeight * outWidth * co, outWidth * co, co, 1] : [co * outHeight * outWidth, outWidth, 1, outHeight * outWidth];
  const dw = backend.makeOutput([kh, kw, ci, co], 'float32');
  const xv = heapF32(backend, x);
  const gv = heapF32(backend, dy);
  const out = heapF32(backend, dw);
  out.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let fy = 0; fy < kh; fy++) {
        const iy = oy * strideHeight + fy - pt;
        if (iy < 0 || iy >= inHeight) continue;
        for (let ox = 0; ox < outWidth; ox++) {
          for (let fx = 0; fx < kw; fx++) {
            const ix = ox * strideWidth + fx - pl;
            if (ix < 0 || ix >= inWidth) continue;
            const xBase = b * xs[0] + iy * xs[1] + ix * xs[2];
            const yBase = b * ys[0] + oy * ys[1] + ox * ys[2];
            const wBase = (fy * kw + fx) * ci * co;
            for (let c = 0; c < ci; c++) {
              const xVal = xv[xBase + c * xs[3]];
              if (xVal === 0) continue;
              const wRow = wBase + c * co;
              for (let d = 0; d < co; d++) out[wRow + d] += xVal * gv[yBase + d * ys[3]];
            }
          }
        }
      }
    }
  }
  return dw;
}
