import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { profileStep } from '../../bench/kernelProfile';
import type { Batch, TrainStepper } from '../../pipeline/train/stepper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('profileStep', () => {
  it('lists each kernel once per step and splits the fastest step into kernel time and the rest', async () => {
    const stepper: TrainStepper = {
      step: async () => {
        tf.tidy(() => {
          const logits = tf.add(tf.ones([64, 10]), tf.ones([64, 10]));
          return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.zeros([64], 'int32'), 10), logits);
        });
        return { loss: 0, accuracy: 0 };
      },
      syncTo: async () => {},
      dispose: async () => {},
    };
    const batch: Batch = { xs: new Float32Array(0), labels: new Int32Array(0), size: 0 };
    const { kernels, step } = await profileStep(stepper, [batch], 3);
    expect(kernels.find((k) => k.kernel === 'Add')?.calls).toBeGreaterThanOrEqual(1);
    expect(kernels.some((k) => k.kernel === 'softmaxCrossEntropy__op')).toBe(true);
    expect(step.kernelMs).toBeGreaterThan(0);
    expect(step.wallMs).toBeGreaterThanOrEqual(step.kernelMs);
    expect(step.outsideKernelsMs).toBeCloseTo(step.wallMs - step.kernelMs, 9);
  });
});
