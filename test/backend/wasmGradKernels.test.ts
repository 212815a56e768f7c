import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
// Gradient definitions (normally pulled in by tfjs-layers).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import { CASES, maxAbsDiff, outSize, POOLS, random, run, SUMS } from './kernelFixtures';
import { callWasmKernel, type WasmBackendLike } from '../../pipeline/backend/kernels/wasmKernelCall';

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    await selectBackend('wasm', () => {});
  });

  for (const [i, c] of CASES.entries()) {
    it(`computes the filter gradient like the cpu backend: ${c.name}`, async () => {
      const x = random(c.x, 10 + i);
      const dyShape = outSize(c);
      const dy = random(dyShape, 100 + i);
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
      const inputs = { x: [x, c.x] as [Float32Array, number[]], dy: [dy, dyShape] as [Float32Array, number[]] };
      const cpu = await run('cpu', 'Conv2DBackpropFilter', inputs, attrs);
      const wasm = await run('wasm', 'Conv2DBackpropFilter', inputs, attrs);
      expect(wasm.shape).toEqual(c.filter);
      expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThanOrEqual(1e-4);
    });

    it(`computes the input gradient like the cpu backend: ${c.name}`, async () => {
      const w = random(c.filter, 20 + i);
      const dyShape = outSize(c);
      const dy = random(dyShape, 200 + i);
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
      const inputs = { dy: [dy, dyShape] as [Float32Array, number[]], filter: [w, c.filter] as [Float32Array, number[]] };
      const cpu = await run('cpu', 'Conv2DBackpropInput', inputs, attrs);
      const wasm = await run('wasm', 'Conv2DBackpropInput', inputs, attrs);
      expect(wasm.shape).toEqual(c.x);
      expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThanOrEqual(1e-4);
    });
  }

  it('computes both gradients like the cpu backend for channels-first data (exact fallback paths)', async () => {
    const xShape = [2, 3, 7, 6];
    const filterShape: [number, number, number, number] = [3, 3, 3, 4];
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape, 1, 1, 'same', undefined, false, 'channelsFirst');
    const dy = random(info.outShape, 600);
    const x = random(xShape, 601);
    const w = random(filterShape, 602);
    const filterAttrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape };
    const inputAttrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: xShape };
    const fInputs = { x: [x, xShape] as [Float32Array, number[]], dy: [dy, info.outShape] as [Float32Array, number[]] };
    const iInputs = { dy: [dy, info.outShape] as [Float32Array, number[]], filter: [w, filterShape] as [Float32Array, number[]] };
    const cpuF = await run('cpu', 'Conv2DBackpropFilter', fInputs, filterAttrs);
    const wasmF = await run('wasm', 'Conv2DBackpropFilter', fInputs, filterAttrs);
    expect(wasmF.shape).toEqual(filterShape);
    expect(maxAbsDiff(wasmF.values, cpuF.values)).toBeLessThanOrEqual(1e-4);
    const cpuI = await run('cpu', 'Conv2DBackpropInput', iInputs, inputAttrs);
    const wasmI = await run('wasm', 'Conv2DBackpropInput', iInputs, inputAttrs);
    expect(wasmI.shape).toEqual(xShape);
    expect(maxAbsDiff(wasmI.values, cpuI.values)).toBeLessThanOrEqual(1e-4);
  });

  for (const [i, p] of POOLS.entries()) {
    it(`routes MaxPool gradients like the cpu backend: ${p.name}`, async () => {
      const x = random([...p.x], 300 + i).map((v) => (p.relu ? Math.max(0, v) : v));
      const info = tf.backend_util.computePool2DInfo([...p.x] as [number, number, number, number], p.size as number | [number, number], p.strides as number | [number, number], 1, p.pad);
      const dy = random(info.outShape, 400 + i);
      const attrs = { filterSize: p.size, strides: p.strides, pad: p.pad };
      // `output` (the forward result) is part of the kernel signature; both backends ignore it.
      const inputs = {
        dy: [dy, info.outShape] as [Float32Array, number[]],
        input: [x, [...p.x]] as [Float32Array, number[]],
        output: [new Float32Array(dy.length), info.outShape] as [Float32Array, number[]],
      };
      const cpu = await run('cpu', 'MaxPoolGrad', inputs, attrs);
      const wasm = await run('wasm', 'MaxPoolGrad', inputs, attrs);
      expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThanOrEqual(1e-6);
    });
  }

  for (const [i, c] of SUMS.entries()) {
    it(`sums like the cpu backend ${c.name}`, async () => {
      const x = random(c.shape, 500 + i);
      const attrs = { axis: c.axis, keepDims: c.keepDims };
      const cpu = await run('cpu', 'Sum', { x: [x, c.shape] }, attrs);
      const wasm = await run('wasm', 'Sum', { x: [x, c.shape] }, attrs);
      expect(wasm.shape).toEqual(cpu.shape);
      expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThanOrEqual(1e-4);
    });
  }

  it('casts to the same dtype without copying, and other casts as the cpu backend', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor1d([1.5, -2, 0]);
    const same = tf.cast(a, 'float32');
    expect(same.dataId).toBe(a.dataId);
    const ints = tf.cast(a, 'int32');
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([1, -2, 0]);
    a.dispose();
    expect(Array.from(await same.data())).toEqual([1.5, -2, 0]);
    tf.dispose([same, ints]);
  });

  it('sums integer tensors with the stock kernel, keeping their dtype', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], 'int32');
    const sum = tf.sum(x, 0);
    expect([sum.dtype, Array.from(await sum.data())]).toEqual(['int32', [5, 7, 9]]);
    tf.dispose([x, sum]);
  });

  it('frees every intermediate buffer: the backend holds as many buffers after each kernel as before', async () => {
    await tf.setBackend('wasm');
    const buffers = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const before = buffers();
    for (const c of CASES.filter((k) => /^(GEMM|forward-conv|explicit|same padding, stride 2)/.test(k.name))) {
      const dyShape = outSize(c);
      const xy = { x: [random(c.x, 1), c.x] as [Float32Array, number[]], dy: [random(dyShape, 2), dyShape] as [Float32Array, number[]] };
      await run('wasm', 'Conv2DBackpropFilter', xy, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter });
      const dw = { dy: xy.dy, filter: [random(c.filter, 3), c.filter] as [Float32Array, number[]] };
      await run('wasm', 'Conv2DBackpropInput', dw, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x });
      expect(buffers()).toBe(before);
    }
  });

  it('names a kernel the wasm backend lacks, or one with several outputs, when composing kernels', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as WasmBackendLike;
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    expect(() => callWasmKernel('NoSuchKernel', { x }, {}, backend)).toThrow('wasm backend has no NoSuchKernel kernel; cannot compose the gradient kernel.');
    expect(() => callWasmKernel('Unpack', { value: x }, { axis: 0 }, backend)).toThrow('wasm kernel Unpack returned several outputs; expected one.');
    x.dispose();
  });

  it('clones without copying, and the clone outlives the original', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    expect(b.dataId).toBe(a.dataId); // the same buffer, one more reference
    a.dispose();
    expect(Array.from(await b.data())).toEqual([1, 2, 3]);
    b.dispose();
  });

  it('gives the same conv-net gradients as the cpu backend end to end', async () => {
    const xs = random([4, 12, 12, 2], 7);
    const w1 = random([3, 3, 2, 4], 8);
    const w2 = random([3, 3, 4, 3], 9);
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const [x, a, b] = [tf.tensor4d(xs, [4, 12, 12, 2]), tf.tensor4d(w1, [3, 3, 2, 4]), tf.tensor4d(w2, [3, 3, 4, 3])];
      const f = (p: tf.Tensor4D, q: tf.Tensor4D) =>
        tf.sum(tf.conv2d(tf.maxPool(tf.relu(tf.conv2d(x, p, 1, 'same')), 2, 2, 'valid'), q, 1, 'valid')) as tf.Scalar;
      const [ga, gb] = tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([a, b]);
      const out = [await ga.data(), await gb.data()];
      tf.dispose([x, a, b, ga, gb]);
      return out;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    expect(maxAbsDiff(wasm[0], cpu[0])).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(wasm[1], cpu[1])).toBeLessThanOrEqual(1e-4);
  });
});
