import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { gradCam } from '../../../pipeline/explain/methods/gradCam';
import { mulberry32 } from '../../../pipeline/train/random';
import { randomImages, twoChannelModel } from '../tinyModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Grad-CAM', () => {
  const images = randomImages(3, mulberry32(5));
  const net = createLogitNet(twoChannelModel());
  const cam = (target: number) => gradCam('conv')(net, { images, targets: Int32Array.from([target, target, target]) }).maps;

  it('weights each channel by the mean gradient: class 0 sees channel 0 (x) alone, so the map is the image', () => {
    const maps = cam(0);
    for (let i = 0; i < images.length; i++) expect(maps[i]).toBeCloseTo(images[i], 5);
  });

  it('adds the channels with their weights: class 2 sees x + 2x', () => {
    const maps = cam(2);
    for (let i = 0; i < images.length; i++) expect(maps[i]).toBeCloseTo(3 * images[i], 4);
  });

  it('keeps only positive evidence: class 1 weighs the channel negatively, so the ReLU leaves nothing', () => {
    expect(Math.max(...cam(1))).toBe(0);
  });

  it('names the layer when it is not in the model', () => {
    expect(() => gradCam('conv2d_9')(net, { images, targets: Int32Array.from([0, 0, 0]) })).toThrow(/no layer "conv2d_9".*conv, flatten/);
  });
});
