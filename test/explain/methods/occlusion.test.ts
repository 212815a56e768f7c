import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { occlusion, patchOrigins } from '../../../pipeline/explain/methods/occlusion';
import { onePixelModel } from '../tinyModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('occlusion', () => {
  const [py, px] = [10, 13];
  const net = createLogitNet(onePixelModel(py * 28 + px, 4, 5));
  const image = new Float32Array(784).fill(1);
  const maps = occlusion()(net, { images: image, targets: Int32Array.from([4]) }).maps;
  // Class 4's score is 5·pixel, the others 0: hiding the pixel takes p4 from e⁵/(e⁵ + 9) to 1/10.
  const drop = Math.exp(5) / (Math.exp(5) + 9) - 0.1;

  it('places 13 × 13 patches of 4 × 4 at stride 2 over the 28 × 28 image', () => {
    expect(patchOrigins(28, { patch: 4, stride: 2 })).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  });

  it('gives the read pixel the full drop in probability: every patch over it hides it', () => {
    expect(maps[py * 28 + px]).toBeCloseTo(drop, 5);
    expect(Math.max(...maps)).toBeCloseTo(drop, 5);
  });

  it('gives nothing to pixels that never share a patch with the read pixel', () => {
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const near = y >= 8 && y <= 13 && x >= 10 && x <= 15; // patches covering (10, 13) start at rows 8, 10 and columns 10, 12
        if (!near) expect(maps[y * 28 + x], `(${y}, ${x})`).toBe(0);
        else expect(maps[y * 28 + x]).toBeGreaterThan(0);
      }
    }
  });

  it('says so when another class is asked: only class 4 depends on the pixel, so class 3 only gains', () => {
    const other = occlusion()(net, { images: image, targets: Int32Array.from([3]) }).maps;
    expect(Math.max(...other)).toBeLessThanOrEqual(0);
  });
});
