// The code of every test image: the output of the embedding layer (description.embedding: the last
// hidden Dense after its activation, or the global pooling; the tutorial's 128-d `dense`), in batches.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { inputSize, type ModelInput } from '../../model/description';
import { inputTensor } from '../../model/inputTensor';

/** count × units codes of `layer` for `images` (count × h × w × c, values 0–1), inference mode. */
export function denseCodes(model: tfl.LayersModel, images: Float32Array, count: number, layer: string, input: ModelInput, batchSize = 500): { codes: Float32Array; dims: number } {
  const PIXELS = inputSize(input);
  if (images.length !== count * PIXELS) throw new Error(`embedding: ${count} images need ${count * PIXELS} pixel values, got ${images.length}`);
  const names = model.layers.map((l) => l.name);
  if (!names.includes(layer)) throw new Error(`embedding: the model has no layer '${layer}' (its layers: ${names.join(', ')}); the layer comes from the model's description`);
  // Shares the trained layers, so it is not disposed (that would free their weights).
  const net = tfl.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tfl.SymbolicTensor });
  const shape = net.outputs[0].shape;
  if (shape.length !== 2) throw new Error(`embedding: layer '${layer}' gives shape [${shape.map((d) => d ?? 'None').join(', ')}], not one vector per image`);
  const dims = (shape[1] ?? 0) as number;
  const codes = new Float32Array(count * dims);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const out = tf.tidy(() => net.predict(inputTensor(images.subarray(start * PIXELS, (start + n) * PIXELS), n, input)) as tf.Tensor);
    codes.set(out.dataSync(), start * dims);
    out.dispose();
  }
  return { codes, dims };
}

/** Rows of a row-major matrix as plain arrays (what the projection libraries take). */
export function rowsOf(values: Float32Array, dims: number): number[][] {
  const n = values.length / dims;
  return Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * dims, (i + 1) * dims)));
}
