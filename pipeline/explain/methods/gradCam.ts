// Grad-CAM (Selvaraju et al., 2017): a convolution layer's channels weighted by how much the class
// score depends on each (the spatial mean of its gradient), summed, kept where positive, and
// stretched to the input's size. Coarse by design: it can only be as sharp as the layer's grid.
import * as tf from '@tensorflow/tfjs-core';
import { checkInput, imageValues, mapRows, mapValues } from '../batches';
import { imagesTensor, targetScore } from '../logitNet';
import { GRADIENT_BATCH } from './gradients';
import type { AttributionMethod } from './types';

export function gradCam(layer: string): AttributionMethod {
  return (net, input) => {
    const n = checkInput(`grad-cam at ${layer}`, input, net.input, net.classes);
    const size = imageValues(net.input);
    const maps = mapRows(n, GRADIENT_BATCH, mapValues(net.input), (start, end) =>
      tf.tidy(() => {
        const x = imagesTensor(input.images.subarray(start * size, end * size), end - start, net.input);
        const t = tf.tensor1d(input.targets.subarray(start, end), 'int32');
        const activation = net.upTo(x, layer);
        if (activation.rank !== 4) throw new Error(`grad-cam: layer ${layer} gives shape [${activation.shape}]; it needs a 2-D grid of channels`);
        const grad = tf.grad((a: tf.Tensor) => targetScore(net.from(a, layer), t))(activation);
        const channelWeights = tf.mean(grad, [1, 2], true);
        const cam = tf.relu(tf.sum(tf.mul(activation, channelWeights), 3, true)) as tf.Tensor4D;
        // Half-pixel centres: each cell of the coarse grid covers its share of the input.
        const up = tf.image.resizeBilinear(cam, [net.input.height, net.input.width], false, true);
        return (up.dataSync() as Float32Array).slice();
      }),
    );
    return { maps };
  };
}
