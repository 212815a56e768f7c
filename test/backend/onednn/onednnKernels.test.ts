import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ONEDNN_ADVICE, loadOnednn, type OnednnAddon } from '../../../pipeline/backend/onednn/loadOnednn';
import { registerOnednnKernels } from '../../../pipeline/backend/onednn/registerOnednn';
import { selectBackend } from '../../../pipeline/backend/selectBackend';
import { CASES, maxAbsDiff, outSize, POOLS, random, run, SUMS, type ConvCase } from '../kernelFixtures';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}; ${ONEDNN_ADVICE}`;

/** The addon with a count of native calls, so a test can tell the oneDNN path from a fallback. */
function counting(addon: OnednnAddon) {
  const calls = { count: 0 };
  const wrapped = Object.fromEntries(
    Object.entries(addon).map(([k, v]) => [k, typeof v === 'function' ? (...a: unknown[]) => (calls.count++, v(...a)) : v]),
  ) as unknown as OnednnAddon;
  return { wrapped, calls };
}

type Inputs = Record<string, [Float32Array, number[]]>;

describe.skipIf(!loaded.ok)(`oneDNN kernels against the cpu backend${skipped}`, () => {
  let calls: { count: number };
  beforeAll(async () => {
    if (!loaded.ok) return;
    await selectBackend('wasm', () => {});
    const spy = counting(loaded.addon);
    calls = spy.calls;
    registerOnednnKernels(spy.wrapped);
  });

  /** Runs `kernel` on both backends; expects equal shapes, values within `tol`, and a native call or not. */
  async function compare(kernel: string, inputs: Inputs, attrs: object, native: boolean, tol = 1e-4) {
    const before = calls.count;
    const cpu = await run('cpu', kernel, inputs, attrs);
    const wasm = await run('wasm', kernel, inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThanOrEqual(tol);
    expect(calls.count > before).toBe(native);
  }

  const convInputs = (c: ConvCase, seed: number): Inputs => ({ x: [random(c.x, seed), c.x], filter: [random(c.filter, seed + 1), c.filter] });
  const convAttrs = (c: ConvCase) => ({ strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: 1 });

  for (const [i, c] of CASES.entries()) {
    it(`convolves like the cpu backend: ${c.name}`, async () => {
      await compare('Conv2D', convInputs(c, 10 * i), convAttrs(c), true);
    });

    it(`convolves with a fused bias and ReLU like the cpu backend: ${c.name}`, async () => {
      const bias: [Float32Array, number[]] = [random([c.filter[3]], 10 * i + 5), [c.filter[3]]];
      await compare('FusedConv2D', { ...convInputs(c, 10 * i), bias }, { ...convAttrs(c), activation: 'relu' }, true);
    });

    it(`computes the input gradient like the cpu backend: ${c.name}`, async () => {
      const dyShape = outSize(c);
      const inputs: Inputs = { dy: [random(dyShape, 10 * i + 2), dyShape], filter: [random(c.filter, 10 * i + 3), c.filter] };
      await compare('Conv2DBackpropInput', inputs, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x }, true);
    });

    it(`computes the filter gradient like the cpu backend: ${c.name}`, async () => {
      const dyShape = outSize(c);
      const inputs: Inputs = { x: [random(c.x, 10 * i + 4), c.x], dy: [random(dyShape, 10 * i + 6), dyShape] };
      await compare('Conv2DBackpropFilter', inputs, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter }, true);
    });
  }

  it('convolves a full training batch of the network (128 × 28 × 28 → 32) like the cpu backend', async () => {
    const c: ConvCase = { name: 'batch 128', x: [128, 28, 28, 1], filter: [3, 3, 1, 32], strides: 1, pad: 'valid' };
    await compare('Conv2D', convInputs(c, 900), convAttrs(c), true);
  });

  for (const [i, p] of POOLS.entries()) {
    const x = random([...p.x], 300 + i).map((v) => (p.relu ? Math.max(0, v) : v));
    const info = tf.backend_util.computePool2DInfo([...p.x] as [number, number, number, number], p.size as number | [number, number], p.strides as number | [number, number], 1, p.pad);
    const attrs = { filterSize: p.size, strides: p.strides, pad: p.pad };

    it(`max-pools like the cpu backend: ${p.name}`, async () => {
      await compare('MaxPool', { x: [x, [...p.x]] }, attrs, true, 0);
    });

    it(`routes max-pool gradients like the cpu backend, ties included: ${p.name}`, async () => {
      const dy = random(info.outShape, 400 + i);
      // `output` (the forward result) is part of the kernel signature; both backends ignore it.
      const inputs: Inputs = { dy: [dy, info.outShape], input: [x, [...p.x]], output: [new Float32Array(dy.length), info.outShape] };
      await compare('MaxPoolGrad', inputs, attrs, true, 1e-6);
    });
  }

  for (const [i, c] of SUMS.entries()) {
    it(`sums like the cpu backend ${c.name}`, async () => {
      const native = c.axis.length === c.shape.length - 1 && c.axis.every((a) => a !== -1 && a !== c.shape.length - 1);
      await compare('Sum', { x: [random(c.shape, 500 + i), c.shape] }, { axis: c.axis, keepDims: c.keepDims }, native);
    });
  }

  const dilated: ConvCase = { name: 'dilation 2', x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' };
  it('falls back to the wasm kernel for dilated convolutions', async () => {
    await compare('Conv2D', convInputs(dilated, 700), { ...convAttrs(dilated), dilations: 2 }, false);
  });

  it('falls back to the wasm kernel for activations other than ReLU', async () => {
    const c = CASES[3];
    const bias: [Float32Array, number[]] = [random([c.filter[3]], 710), [c.filter[3]]];
    await compare('FusedConv2D', { ...convInputs(c, 711), bias }, { ...convAttrs(c), activation: 'elu' }, false);
  });

  it('falls back to the wasm kernels for channels-first gradients', async () => {
    const xShape = [2, 3, 7, 6];
    const filterShape = [3, 3, 3, 4];
    const info = tf.backend_util.computeConv2DInfo(xShape as never, filterShape as never, 1, 1, 'same', undefined, false, 'channelsFirst');
    const dy: [Float32Array, number[]] = [random(info.outShape, 720), info.outShape];
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW' };
    await compare('Conv2DBackpropInput', { dy, filter: [random(filterShape, 721), filterShape] }, { ...attrs, inputShape: xShape }, false);
    await compare('Conv2DBackpropFilter', { x: [random(xShape, 722), xShape], dy }, { ...attrs, filterShape }, false);
  });
});

describe('loading the oneDNN addon', () => {
  it.runIf(!loaded.ok)('says why the oneDNN kernel tests are skipped', () => {
    console.warn(`oneDNN kernel tests skipped: ${skipped.replace(' — SKIPPED: ', '')}`);
    expect(loaded.ok).toBe(false);
  });

  it('reports a missing build as a reason, not a crash', () => {
    const result = loadOnednn('/nonexistent/onednn_kernels.node');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/not built/);
  });

  it('reports a file that is not an addon as a reason, not a crash', () => {
    const result = loadOnednn(new URL(import.meta.url).pathname);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/did not load/);
  });
});
