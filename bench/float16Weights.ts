// What float16 weights would cost the live explorer: the saved model's test accuracy with its
// weights as stored (float32) and rounded to float16 (what TF.js's float16 weight quantization
// decodes to), on the wasm backend. Usage: npx tsx bench/float16Weights.ts [artifacts folder]
import { Float16Array } from '@petamoriken/float16';
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { loadSavedModel } from '../pipeline/artifacts/saveModel';
import { activateWasm } from '../pipeline/backend/selectBackend';
import { loadMnist } from '../pipeline/data/loadMnist';

/** Each weight rounded to the nearest float16 (round half to even), back as float32. */
export function roundToFloat16(values: Float32Array): Float32Array {
  return new Float32Array(new Float16Array(values));
}

async function main(dir: string): Promise<void> {
  await activateWasm();
  const model = await loadSavedModel(path.join(dir, 'model'));
  const { test } = await loadMnist({ dataDir: null, trainLimit: 1, testLimit: 10_000 });
  const predict = () => tf.tidy(() => {
    const probs = model.predict(tf.tensor4d(test.images, [test.count, 28, 28, 1]), { batchSize: 500 }) as tf.Tensor;
    return { predicted: tf.argMax(probs, -1).dataSync() as Int32Array, probs: probs.dataSync() as Float32Array };
  });
  const before = predict();
  const weights = model.getWeights();
  const bytes = weights.reduce((n, w) => n + w.size * 4, 0);
  model.setWeights(weights.map((w) => tf.tensor(roundToFloat16(w.dataSync() as Float32Array), w.shape)));
  const after = predict();
  const accuracy = (p: Int32Array) => p.filter((d, i) => d === test.labels[i]).length / test.count;
  const changed = before.predicted.filter((d, i) => d !== after.predicted[i]).length;
  const worst = before.probs.reduce((m, p, i) => Math.max(m, Math.abs(p - after.probs[i])), 0);
  console.log(`weights: ${bytes} bytes as float32, ${bytes / 2} as float16`);
  console.log(`test accuracy on ${test.count} images: float32 ${(accuracy(before.predicted) * 100).toFixed(2)} %, float16 ${(accuracy(after.predicted) * 100).toFixed(2)} %`);
  console.log(`predictions changed: ${changed}; largest probability difference: ${worst.toExponential(2)}`);
}

await main(process.argv[2] ?? 'artifacts');
