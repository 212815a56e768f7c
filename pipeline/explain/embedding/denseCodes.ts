// The 128-d code of every test image: the output of the `dense` layer (after its ReLU), in batches.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export const CODE_LAYER = 'dense';

/** count × units codes of `layer` for `images` (count × 784, values 0–1), inference mode. */
export function denseCodes(model: tfl.LayersModel, images: Float32Array, count: number, layer = CODE_LAYER, batchSize = 500): { codes: Float32Array; dims: number } {
  if (images.length !== count * 784) throw new Error(`embedding: ${count} images need ${count * 784} pixel values, got ${images.length}`);
  const names = model.layers.map((l) => l.name);
  if (!names.includes(layer)) throw new Error(`embedding: the model has no layer '${layer}' (its layers: ${names.join(', ')}); pass a model made by createModel()`);
  // Shares the trained layers, so it is not disposed (that would free their weights).
  const net = tfl.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tfl.SymbolicTensor });
  const dims = (net.outputs[0].shape[1] ?? 0) as number;
  const codes = new Float32Array(count * dims);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const out = tf.tidy(() => net.predict(tf.tensor4d(images.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1])) as tf.Tensor);
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
