// What activation maximisation climbs: image i of a batch is scored by channel i (or class i).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelInput } from '../../model/description';
import { toModelScale } from '../../model/inputTensor';
import type { LogitNet } from '../logitNet';
import { preActivation } from './layerOutputs';
import type { BatchObjective } from './maximise';

/** Row i's entry i of an n × m matrix (n ≤ m). */
function diagonal(scores: tf.Tensor2D): tf.Tensor1D {
  const [n, m] = scores.shape;
  return tf.sum(tf.mul(scores, tf.oneHot(tf.range(0, n, 1, 'int32') as tf.Tensor1D, m)), 1) as tf.Tensor1D;
}

/** Image i ([0, 1] pixels, put on the model's input scale): the mean over positions of channel i of `layer` before its ReLU. */
export function channelObjective(model: tfl.LayersModel, layer: string, input: Pick<ModelInput, 'scale'>): BatchObjective {
  return (images) => diagonal(tf.mean(preActivation(model, toModelScale(images, input), layer), [1, 2]) as tf.Tensor2D);
}

/** Image i: the score of class i before the softmax. */
export function classObjective(net: LogitNet): BatchObjective {
  return (images) => diagonal(net.logits(images));
}
