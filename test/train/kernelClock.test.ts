import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKernelClock } from '../../pipeline/train/kernelClock';

// A kernel that runs another kernel through the engine, as composite kernels may.
const NESTED = 'TestNestedIdentity';

beforeAll(async () => {
  await tf.setBackend('cpu');
  tf.registerKernel({
    kernelName: NESTED,
    backendName: 'cpu',
    kernelFunc: ({ inputs }) => tf.engine().runKernel('Identity', { x: inputs.x as tf.Tensor }, {}) as unknown as tf.TensorInfo,
  });
});
afterAll(() => tf.unregisterKernel(NESTED, 'cpu'));

/** A clock whose every reading is one tick later: each counted kernel adds exactly 1 ms. */
function ticking() {
  let t = 0;
  return () => t++;
}

describe('startKernelClock', () => {
  it('counts the time inside each kernel, and a nested kernel only once', () => {
    const clock = startKernelClock('cpu', ticking());
    try {
      const a = tf.tensor1d([1, 2, 3]); // creating a tensor runs no kernel
      expect(clock.elapsedMs()).toBe(0);
      const sum = tf.add(a, a);
      expect(clock.elapsedMs()).toBe(1);
      const nested = tf.engine().runKernel(NESTED, { x: a }, {}) as tf.Tensor;
      expect(clock.elapsedMs()).toBe(2);
      expect(Array.from(nested.dataSync())).toEqual([1, 2, 3]);
      expect(Array.from(sum.dataSync())).toEqual([2, 4, 6]);
      tf.dispose([a, sum, nested]);
    } finally {
      clock.stop();
    }
  });

  it('restores the original kernel functions when stopped, keeping what is stored on them readable meanwhile', () => {
    const original = tf.getKernel('Add', 'cpu')!.kernelFunc;
    const marker = Symbol('marker');
    (original as unknown as Record<symbol, string>)[marker] = 'ours';
    const clock = startKernelClock('cpu', ticking());
    const wrapped = tf.getKernel('Add', 'cpu')!.kernelFunc;
    expect(wrapped).not.toBe(original);
    expect((wrapped as unknown as Record<symbol, string>)[marker]).toBe('ours');
    clock.stop();
    expect(tf.getKernel('Add', 'cpu')!.kernelFunc).toBe(original);
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    expect(clock.elapsedMs()).toBe(0);
    delete (original as unknown as Record<symbol, string>)[marker];
  });

  it('counts time when a kernel throws, and keeps counting after it', () => {
    const clock = startKernelClock('cpu', ticking());
    try {
      expect(() => tf.engine().runKernel(NESTED, { x: tf.tensor1d([1]) }, {})).not.toThrow();
      expect(() => tf.engine().runKernel('Reshape', { x: tf.tensor1d([1, 2]) }, { shape: [3] })).toThrow();
      expect(clock.elapsedMs()).toBe(2); // the failed kernel's time counts too
      tf.tidy(() => tf.neg(tf.scalar(1)));
      expect(clock.elapsedMs()).toBe(3);
    } finally {
      clock.stop();
    }
  });
});
