import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelPeaks, topExamples } from '../../../pipeline/explain/dictionary/topExamples';
import { createModel } from '../../../pipeline/model/createModel';
import { mulberry32 } from '../../../pipeline/train/random';
import { randomImages } from '../tinyModels';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The brute-force answer: each image on its own through a Keras sub-model, maxima by plain loops. */
function bruteForceTop(model: tfl.LayersModel, images: Float32Array, count: number, layer: string, channel: number, k: number) {
  const sub = tfl.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tfl.SymbolicTensor });
  const peaks = Array.from({ length: count }, (_, index) => {
    const out = sub.predict(tf.tensor4d(images.subarray(index * 784, (index + 1) * 784), [1, 28, 28, 1])) as tf.Tensor4D;
    const [, h, w, c] = out.shape;
    const values = out.dataSync();
    let best = -Infinity;
    for (let p = 0; p < h * w; p++) best = Math.max(best, values[p * c + channel]);
    return { index, value: best };
  });
  return peaks.sort((a, b) => b.value - a.value || a.index - b.index).slice(0, k);
}

describe('top examples', () => {
  const model = createModel({ seed: 11 });
  // Sparse random digits, so the channels' peaks differ from image to image.
  const random = mulberry32(5);
  const count = 30;
  const images = randomImages(count, random).map((v) => (v > 0.7 ? v : 0));
  const peaks = channelPeaks(model, images, count, ['conv2d', 'conv2d_1', 'conv2d_2'], 7, TUTORIAL_DESCRIPTION.input);

  it('finds the same 9 images as a brute-force pass, for channels of every layer', () => {
    for (const [k, layer] of ['conv2d', 'conv2d_1', 'conv2d_2'].entries()) {
      for (const channel of [0, 5, peaks[k].channels - 1]) {
        const found = topExamples(peaks[k], channel, 9);
        const expected = bruteForceTop(model, images, count, layer, channel, 9);
        expect(found.map((e) => e.index)).toEqual(expected.map((e) => e.index));
        found.forEach((e, i) => expect(e.value).toBeCloseTo(expected[i].value, 4));
      }
    }
  });

  it('places each peak where the channel reaches that value', () => {
    const sub = tfl.model({ inputs: model.inputs, outputs: model.getLayer('conv2d_1').output as tfl.SymbolicTensor });
    for (const { index, value, y, x } of topExamples(peaks[1], 17, 3)) {
      const out = sub.predict(tf.tensor4d(images.subarray(index * 784, (index + 1) * 784), [1, 28, 28, 1])) as tf.Tensor4D;
      expect((out.arraySync() as number[][][][])[0][y][x][17]).toBeCloseTo(value, 5);
    }
  });

  it('reports the layer shapes and refuses a channel the layer does not have', () => {
    expect(peaks.map((p) => [p.height, p.width, p.channels])).toEqual([[26, 26, 32], [11, 11, 64], [3, 3, 128]]);
    expect(() => topExamples(peaks[0], 32, 9)).toThrow(/conv2d has no channel 32 \(it has 32\)/);
    expect(() => channelPeaks(model, images, count + 1, ['conv2d'], 7, TUTORIAL_DESCRIPTION.input)).toThrow(/31 test images need/);
  });
});
