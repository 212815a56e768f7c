import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { COMPLETENESS_FLOOR, completenessError, integratedGradients, stepSchedule, trapezoidWeights } from '../../../pipeline/explain/methods/integratedGradients';
import { converged } from '../../../pipeline/explain/settings';
import { createModel } from '../../../pipeline/model/createModel';
import { mulberry32 } from '../../../pipeline/train/random';
import { cancellingModel, linearModel, randomImages, stepModel } from '../tinyModels';

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
  });

  it('measures the completeness gap against the larger of the attribution mass and the score difference', () => {
    expect(completenessError(9, 10, 9)).toBeCloseTo(0.1); // a one-signed map: the score difference is the scale
    expect(completenessError(0.003, 0.0001, 2)).toBeCloseTo(0.00145); // Δ ≈ 0: was 2,900 % against Δ
    expect(completenessError(0, 2, 0)).toBe(1); // a map that missed the whole integral
    expect(completenessError(3e-7, 0, 1e-7)).toBeCloseTo(3e-7, 12); // below the floor: the absolute gap
    expect(completenessError(COMPLETENESS_FLOOR, -COMPLETENESS_FLOOR, 2 * COMPLETENESS_FLOOR)).toBeLessThanOrEqual(2);
  });

  it('stays small on a map whose parts cancel, where score(input) ≈ score(black)', () => {
    const [k0, k1] = [0.3 + 1 / 300, 0.6 + 1 / 700];
    const balance = ((1 - k0) / (1 - k1)) * (1 - 1e-4);
    const difference = 1 - k0 - balance * (1 - k1); // ≈ 7e-5
    const { maps, completeness } = integratedGradients()(createLogitNet(cancellingModel([k0, k1], balance)), { images: new Float32Array(784).fill(1), targets: Int32Array.from([0]) });
    const sum = maps.reduce((a, b) => a + b, 0);
    expect(completeness?.[0]).toBeLessThan(0.01);
    expect(converged(completeness?.[0] as number)).toBe(true);
    expect(Math.abs(sum - difference) / Math.abs(difference)).toBeGreaterThan(1); // the old measure: above 100 %
  });

  it('records a map that cannot converge within the step limit instead of failing', () => {
    const net = createLogitNet(stepModel(0.5 + 1 / 1536, 20000));
    const input = { images: new Float32Array(784 * 2).fill(1), targets: Int32Array.from([0, 3]) };
    const result = integratedGradients({ maxSteps: 200 })(net, input);
    expect(Array.from(result.steps as Int32Array)).toEqual([200, 64]);
    expect(result.completeness?.[0]).toBeGreaterThan(0.5);
    expect(converged(result.completeness?.[0] as number)).toBe(false);
    expect(converged(result.completeness?.[1] as number)).toBe(true); // class 3 scores 0 everywhere: nothing to miss
  });

  it('doubles the steps up to the limit and ends on the limit itself', () => {
    expect(stepSchedule(64, 512)).toEqual([64, 128, 256, 512]);
    expect(stepSchedule(64, 200)).toEqual([64, 128, 200]);
    expect(stepSchedule(64, 64)).toEqual([64]);
    expect(() => integratedGradients({ maxSteps: 100.5 })).toThrow(/whole numbers 1 ≤ steps ≤ maxSteps, got 64 and 100.5/);
  });

  it('rejects a target outside 0–9 with the method named', () => {
    expect(() => integratedGradients()(createLogitNet(createModel()), { images: new Float32Array(784), targets: Int32Array.from([10]) })).toThrow(/integrated-gradients: target class 10/);
  });
});
