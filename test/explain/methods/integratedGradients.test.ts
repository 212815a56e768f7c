import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { completenessError, integratedGradients, trapezoidWeights } from '../../../pipeline/explain/methods/integratedGradients';
import { createModel } from '../../../pipeline/model/createModel';
import { mulberry32 } from '../../../pipeline/train/random';
import { linearModel, randomImages } from '../tinyModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Integrated Gradients', () => {
  it('is exact on a linear model: the map is pixel × weight and completeness holds to rounding', () => {
    const random = mulberry32(9);
    const kernel = Float32Array.from({ length: 7840 }, () => random() - 0.5);
    const images = randomImages(4, random);
    const targets = Int32Array.from([0, 3, 7, 9]);
    const { maps, completeness, steps } = integratedGradients()(createLogitNet(linearModel(kernel)), { images, targets });
    for (let i = 0; i < 4; i++) {
      for (let p = 0; p < 784; p += 37) expect(maps[i * 784 + p]).toBeCloseTo(images[i * 784 + p] * kernel[p * 10 + targets[i]], 5);
    }
    expect(Math.max(...(completeness as Float32Array))).toBeLessThan(1e-4);
    expect(Array.from(steps as Int32Array)).toEqual([64, 64, 64, 64]);
  });

  it('integrates a ReLU network with the trapezoid rule and records each map\'s completeness error', () => {
    const images = randomImages(2, mulberry32(2));
    const result = integratedGradients({ steps: 64, refineAbove: 1, maxSteps: 64 })(createLogitNet(createModel({ seed: 4 })), { images, targets: Int32Array.from([1, 8]) });
    const errors = Array.from(result.completeness as Float32Array);
    expect(errors).toHaveLength(2);
    for (const e of errors) expect(e).toBeGreaterThanOrEqual(0);
    expect(Math.max(...errors)).toBeLessThan(0.05);
  });

  it('doubles the steps for maps above the refinement threshold', () => {
    const images = randomImages(1, mulberry32(3));
    const result = integratedGradients({ steps: 2, refineAbove: 0, maxSteps: 8 })(createLogitNet(createModel({ seed: 4 })), { images, targets: Int32Array.from([5]) });
    expect(result.steps?.[0]).toBe(8);
  });

  it('weights the path ends by half', () => {
    expect(Array.from(trapezoidWeights(4))).toEqual([0.125, 0.25, 0.25, 0.25, 0.125]);
    expect(completenessError(9, 10)).toBeCloseTo(0.1);
  });

  it('rejects a target outside 0–9 with the method named', () => {
    expect(() => integratedGradients()(createLogitNet(createModel()), { images: new Float32Array(784), targets: Int32Array.from([10]) })).toThrow(/integrated-gradients: target class 10/);
  });
});
