import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationDistributions, countDead } from '../../../pipeline/explain/distributions/activations';
import { createModel } from '../../../pipeline/model/createModel';
import { mulberry32 } from '../../../pipeline/train/random';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('countDead', () => {
  it('counts, per channel, the images on which the channel is zero at every position', () => {
    // 3 images × 2 positions × 2 channels: channel 0 fires on image 0 only, channel 1 on images 0 and 2.
    const values = Float32Array.from([1, 0, 0, 2, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 0.5]);
    const dead = new Float64Array(2);
    countDead(values, 3, 2, dead);
    expect(Array.from(dead)).toEqual([2, 1]);
  });
});

describe('activationDistributions', () => {
  it('matches a direct pass over all images: zeros, totals and each channel\'s dead share, across batches', () => {
    const count = 23;
    const random = mulberry32(2);
    // Sparse strokes, so that some channels stay dark on some images.
    const images = Float32Array.from({ length: count * 784 }, () => (random() < 0.1 ? random() : 0));
    const model = createModel({ seed: 4 });
    const stats = activationDistributions(model, { images, count }, ['conv2d', 'dense'], 16, TUTORIAL_DESCRIPTION.input, 5);
    const direct = tfl.model({ inputs: model.inputs, outputs: [model.getLayer('conv2d').output, model.getLayer('dense').output] as tfl.SymbolicTensor[] });
    const outputs = direct.predict(tf.tensor4d(images, [count, 28, 28, 1])) as tf.Tensor[];
    outputs.forEach((t, l) => {
      const values = t.dataSync() as Float32Array;
      const channels = t.shape[t.shape.length - 1] as number;
      const perImage = values.length / count;
      expect(stats[l].total).toBe(values.length);
      expect(stats[l].zeros).toBe(values.filter((v) => v === 0).length);
      expect(stats[l].positive.counts.reduce((a, b) => a + b, 0)).toBe(values.filter((v) => v > 0).length);
      const share = Array.from({ length: channels }, (_, c) => {
        let deadImages = 0;
        for (let i = 0; i < count; i++) {
          let any = false;
          for (let j = c; j < perImage; j += channels) any ||= values[i * perImage + j] > 0;
          if (!any) deadImages++;
        }
        return deadImages / count;
      });
      expect(stats[l].deadShare).toEqual(share);
    });
    expect(stats.flatMap((s) => s.deadShare).some((s) => s > 0 && s < 1)).toBe(true);
    tf.dispose(outputs);
  });

  it('names the problem when the image buffer does not match the count', () => {
    expect(() => activationDistributions(createModel({ seed: 1 }), { images: new Float32Array(100), count: 2 }, ['conv2d'], 8, TUTORIAL_DESCRIPTION.input)).toThrow('2 images need 1568 pixel values, got 100');
  });
});
