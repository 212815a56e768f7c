import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelSummary } from '../artifacts/types';

/** The model summary as data: what Keras's `model.summary()` prints, one row per layer. */
export function summarizeModel(model: tfl.LayersModel): ModelSummary {
  const layers = model.layers.map((layer) => {
    const shape = layer.outputShape as (number | null)[];
    return { name: layer.name, type: layer.getClassName(), outputShape: [...shape], params: layer.countParams() };
  });
  const trainableParams = model.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
  const totalParams = layers.reduce((n, l) => n + l.params, 0);
  return { layers, totalParams, trainableParams, nonTrainableParams: totalParams - trainableParams };
}
