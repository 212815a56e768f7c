import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ONEDNN_ADVICE, loadOnednn, type OnednnAddon } from '../../../pipeline/backend/onednn/loadOnednn';
import { registerOnednnKernels } from '../../../pipeline/backend/onednn/registerOnednn';
import { selectBackend } from '../../../pipeline/backend/selectBackend';
import { CASES, maxAbsDiff, outSize, POOLS, random, run, SUMS, type ConvCase } from '../kernelFixtures';

interface PoolCase {
  name: string;
  x: readonly number[];
  size: number | readonly [number, number];
  strides: number | readonly [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

// Mutation runs (vitest.stryker.config.ts) skip the model-sized cases, as kernelFixtures does.
const MODEL_POOLS: PoolCase[] = process.env.MUTATION_RUN ? [] : [
  { name: "the model's first pool, a full batch (128 × 26 × 26 × 32)", x: [128, 26, 26, 32], size: 2, strides: 2, pad: 'valid' },
  { name: "the model's second pool, a full batch (128 × 11 × 11 × 64: the last row and column are in no window)", x: [128, 11, 11, 64], size: 2, strides: 2, pad: 'valid' },
  { name: "the model's third pool, a full batch (128 × 3 × 3 × 128)", x: [128, 3, 3, 128], size: 2, strides: 2, pad: 'valid' },
];
/** Gradient-only cases: the model's, and channel counts that end in a partial block of eight. */
const POOL_GRADS: PoolCase[] = [
  ...MODEL_POOLS,
  { name: '2×2 windows, stride 2, odd sizes, 13 channels', x: [2, 7, 9, 13], size: 2, strides: 2, pad: 'valid' },
  { name: 'batch 1, 3×3 windows, stride 2, same padding, 11 channels', x: [1, 6, 5, 11], size: 3, strides: 2, pad: 'same' },
  { name: '3×2 windows, stride 1×2, 9 channels', x: [2, 7, 8, 9], size: [3, 2], strides: [1, 2], pad: 'valid' },
];

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

  const poolInfo = (p: PoolCase) =>
    tf.backend_util.computePool2DInfo([...p.x] as [number, number, number, number], p.size as number | [number, number], p.strides as number | [number, number], 1, p.pad, p.dimRoundingMode);
  const poolAttrs = (p: PoolCase) => ({ filterSize: p.size, strides: p.strides, pad: p.pad, dimRoundingMode: p.dimRoundingMode });

  /** MaxPoolGrad on both backends; exact unless windows overlap (the cpu backend then sums in double precision). */
  async function comparePoolGrad(p: PoolCase, x: Float32Array, seed: number, native = true) {
    const info = poolInfo(p);
    const dy = random(info.outShape, seed);
    // `output` (the forward result) is part of the kernel signature; both backends ignore it.
    const inputs: Inputs = { dy: [dy, info.outShape], input: [x, [...p.x]], output: [new Float32Array(dy.length), info.outShape] };
    const overlapping = info.strideHeight < info.filterHeight || info.strideWidth < info.filterWidth;
    await compare('MaxPoolGrad', inputs, poolAttrs(p), native, overlapping ? 1e-6 : 0);
  }

  for (const [i, p] of POOLS.entries()) {
    const x = random([...p.x], 300 + i).map((v) => (p.relu ? Math.max(0, v) : v));

    it(`max-pools like the cpu backend: ${p.name}`, async () => {
      await compare('MaxPool', { x: [x, [...p.x]] }, poolAttrs(p), true, 0);
    });

    it(`routes max-pool gradients like the cpu backend, ties included: ${p.name}`, async () => {
      await comparePoolGrad(p, x, 400 + i);
    });
  }

  for (const [i, p] of POOL_GRADS.entries()) {
    it(`routes max-pool gradients like the cpu backend: ${p.name}`, async () => {
      await comparePoolGrad(p, random([...p.x], 600 + i).map((v) => Math.max(0, v)), 650 + i);
    });
  }

  /**
   * Values from a few levels (ties in most windows), with −∞ and NaN sprinkled in; in the
   * first image, channel 0 is all −∞ and channel 1 all NaN.
   */
  function awkward(shape: readonly number[], seed: number): Float32Array {
    const pick = [Number.NEGATIVE_INFINITY, Number.NaN, 0, -0, 0.5, -0.5, 1];
    const [, h, w, c] = shape;
    return random([...shape], seed).map((v, i) => {
      if (i < h * w * c && i % c < 2) return i % c === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
      return pick[Math.floor(((v + 1) / 2) * pick.length) % pick.length];
    });
  }
  const awkwardPools: PoolCase[] = [
    { name: '2×2 windows, stride 2', x: [2, 6, 8, 11], size: 2, strides: 2, pad: 'valid' },
    { name: '3×3 windows, stride 1, same padding', x: [2, 5, 6, 11], size: 3, strides: 1, pad: 'same' },
  ];
  for (const [i, p] of awkwardPools.entries()) {
    it(`sends no gradient from windows of only −∞ or NaN, and ignores NaN elsewhere, like the cpu backend: ${p.name}`, async () => {
      const x = awkward(p.x, 680 + i);
      expect(x.some(Number.isNaN) && x.includes(Number.NEGATIVE_INFINITY)).toBe(true);
      await comparePoolGrad(p, x, 690 + i);
    });
  }

  it("falls back to the wasm kernel for max-pool gradients oneDNN's output-size rule cannot express (ceil rounding)", async () => {
    const p: PoolCase = { name: 'ceil', x: [2, 7, 7, 3], size: 2, strides: 2, pad: 0, dimRoundingMode: 'ceil' };
    expect(poolInfo(p).outHeight).toBe(4); // oneDNN's floor rule would give 3
    await comparePoolGrad(p, random([...p.x], 700), 701, false);
  });

  for (const [i, c] of SUMS.entries()) {
    it(`sums like the cpu backend ${c.name}`, async () => {
      const native = c.axis.length === c.shape.length - 1 && c.axis.every((a) => a !== -1 && a !== c.shape.length - 1);
      await compare('Sum', { x: [random(c.shape, 500 + i), c.shape] }, { axis: c.axis, keepDims: c.keepDims }, native);
    });
  }

  // The dense layers at batch 128 (forward, and the two gradient products of each), then odd sizes, batch 1 and stacked matrices.
  const MATMULS: { name: string; a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
    { name: "the model's dense layer (128 × 128 · 128 × 128)", a: [1, 128, 128], b: [1, 128, 128], transposeA: false, transposeB: false },
    { name: "the model's output layer (128 × 128 · 128 × 10)", a: [1, 128, 128], b: [1, 128, 10], transposeA: false, transposeB: false },
    { name: "the output layer's input gradient (dy · Wᵀ)", a: [1, 128, 10], b: [1, 128, 10], transposeA: false, transposeB: true },
    { name: "the output layer's weight gradient (xᵀ · dy)", a: [1, 128, 128], b: [1, 128, 10], transposeA: true, transposeB: false },
    { name: 'odd sizes, both transposed', a: [1, 7, 5], b: [1, 3, 7], transposeA: true, transposeB: true },
    { name: 'batch 1 (one row)', a: [1, 1, 13], b: [1, 13, 9], transposeA: false, transposeB: false },
    { name: 'three stacked matrices, rank 4', a: [3, 1, 4, 6], b: [3, 1, 6, 5], transposeA: false, transposeB: false },
  ];
  for (const [i, c] of MATMULS.entries()) {
    it(`multiplies matrices like the cpu backend: ${c.name}`, async () => {
      await compare('BatchMatMul', { a: [random(c.a, 800 + 2 * i), c.a], b: [random(c.b, 801 + 2 * i), c.b] }, { transposeA: c.transposeA, transposeB: c.transposeB }, true);
    });
  }

  it('falls back to the wasm kernel for broadcast batches', async () => {
    await compare('BatchMatMul', { a: [random([2, 3, 4], 820), [2, 3, 4]], b: [random([1, 4, 5], 821), [1, 4, 5]] }, { transposeA: false, transposeB: false }, false);
  });

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
