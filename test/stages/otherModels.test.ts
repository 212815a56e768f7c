// The drawing stages on models that are not the tutorial's: other layer names, sizes, channels and
// classes, a separate Softmax layer, and no hidden Dense. Each stage must write files for that model's
// own layers (read from its description), and nothing for an embedding the model does not have.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapIds } from '../../pipeline/explain/explainIndex';
import { runChannels } from '../../pipeline/explain/dictionary/runChannels';
import { runDistributions } from '../../pipeline/explain/distributions/runDistributions';
import { runEmbedding } from '../../pipeline/explain/embedding/runEmbedding';
import { runExplain } from '../../pipeline/explain/runExplain';
import { QUICK_LIMITS } from '../../pipeline/explain/settings';
import { predictOutputs } from '../../pipeline/evaluate/predict';
import { argmaxRows } from '../../pipeline/evaluate/metrics';
import { describeModel } from '../../pipeline/model/describeModel';
import type { ModelDescription } from '../../pipeline/model/description';
import { mulberry32 } from '../../pipeline/train/random';
import { runVisualize } from '../../pipeline/visualize/runVisualize';
import { filterLayers } from '../../pipeline/visualize/renderFilters';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(path.join(tmpdir(), 'other-models-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** 12×12 grey, three classes, linear Dense then a separate Softmax layer. */
function withSoftmaxLayer(): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ name: 'c1', filters: 4, kernelSize: 3, padding: 'same', inputShape: [12, 12, 1], kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
      tfl.layers.activation({ name: 'r1', activation: 'relu' }),
      tfl.layers.averagePooling2d({ name: 'pool', poolSize: 2 }),
      tfl.layers.conv2d({ name: 'c2', filters: 6, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ name: 'hidden', units: 8, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
      tfl.layers.dense({ name: 'scores', units: 3, kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }),
      tfl.layers.softmax({ name: 'probs' }),
    ],
  });
}

/** 10×10 colour, four classes, global pooling and no hidden Dense, pixels fed as bytes. */
function globalPooled(): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ name: 'a', filters: 5, kernelSize: 3, activation: 'relu', inputShape: [10, 10, 3], kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) }),
      tfl.layers.globalAveragePooling2d({ name: 'gap' }),
      tfl.layers.dense({ name: 'out', units: 4, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 6 }) }),
    ],
  });
}

/** `count` random test images (UMAP needs more than its 15 neighbours) with the model's own predictions. */
async function stageContext(model: tfl.LayersModel, description: ModelDescription, outDir: string, count = 12) {
  const { height, width, channels } = description.input;
  const random = mulberry32(9);
  const images = Float32Array.from({ length: count * height * width * channels }, () => random());
  const labels = Int32Array.from({ length: count }, (_, i) => i % description.classes);
  const { logits, probabilities } = await predictOutputs(model, images, count, description);
  return {
    model, description, test: { images, labels, count }, predictions: { predicted: argmaxRows(logits, count), probabilities },
    extraSamples: [], articleSample: 0, seed: 3, outDir, log: () => {},
  };
}

describe('the stages on a model with a separate Softmax layer', () => {
  const model = withSoftmaxLayer();
  const description = describeModel(model, { kind: 'imported' });

  it('is described by its own layers', () => {
    expect(description).toMatchObject({ visualized: ['c1', 'r1', 'pool', 'c2'], convolutions: ['c1', 'c2'], gradCam: ['c2', 'c1'], embedding: 'hidden', logitLayer: 'scores', softmax: 'layer', classes: 3 });
  });

  it('predicts the softmax of the scores at the Dense before the Softmax layer', async () => {
    const ctx = await stageContext(model, description, root);
    const direct = (model.predict(tf.tensor4d(ctx.test.images, [12, 12, 12, 1])) as tf.Tensor).dataSync();
    Array.from(ctx.predictions.probabilities).forEach((p, i) => expect(p).toBeCloseTo(direct[i], 5));
  });

  it('draws a grid per visualized layer, the first convolution\'s kernels and the other one\'s norms', async () => {
    const outDir = path.join(root, 'visualize');
    const files = await runVisualize(await stageContext(model, description, outDir));
    const grids = files.filter((f) => f.kind === 'layer-grid').map((f) => f.meta?.layer);
    expect([...new Set(grids)]).toEqual(['c1', 'r1', 'pool', 'c2']);
    expect(files.find((f) => f.kind === 'filters-grid')?.path).toBe('visuals/filters/c1.png');
    expect(files.find((f) => f.kind === 'filter-norms')?.meta).toEqual({ layers: ['c2'] });
    expect(files.filter((f) => f.kind === 'test-images')[0].bytes).toBe(12 * (1 + 144));
  });

  it('explains with Grad-CAM at its own convolutions', async () => {
    const outDir = path.join(root, 'explain');
    const result = await runExplain({ ...(await stageContext(model, description, outDir)), limits: QUICK_LIMITS, igMaxSteps: 64 });
    const maps = new Set(result.files.filter((f) => f.kind === 'attribution-map').map((f) => f.meta?.map));
    expect([...maps]).toEqual(mapIds(['c2', 'c1']));
    expect(result.files.find((f) => f.kind === 'attribution-map')?.meta).toMatchObject({ width: 36, height: 36 });
  }, 60_000);

  it('makes the dictionary of its convolutions, one class image per class', async () => {
    const outDir = path.join(root, 'channels');
    const result = await runChannels({ ...(await stageContext(model, description, outDir)), preset: 'quick', ascent: { steps: 2 } });
    const layers = new Set(result.files.filter((f) => f.meta?.layer).map((f) => f.meta?.layer));
    expect([...layers]).toEqual(['c1', 'c2']);
    expect(result.files.filter((f) => f.meta?.part === 'class')).toHaveLength(3);
    expect(result.metrics.dictionary_channels).toBe(10);
  });

  it('counts activations after the Activation layer that follows a linear convolution, and names the metrics generically', async () => {
    const outDir = path.join(root, 'distributions');
    const result = await runDistributions({ ...(await stageContext(model, description, outDir)) });
    expect(Object.keys(result.metrics)).toEqual(expect.arrayContaining(['first_conv_zero_share', 'last_conv_zero_share', 'embedding_dead_units']));
    // c1 is linear: read at r1, some of its outputs are exactly 0.
    expect(result.metrics.first_conv_zero_share).toBeGreaterThan(0);
    expect(result.metrics.conv_channels).toBe(10);
  });

  it('places the test set by its hidden Dense layer', async () => {
    const outDir = path.join(root, 'embedding');
    const ctx = await stageContext(model, description, outDir, 20);
    const result = await runEmbedding({ ...ctx, predicted: ctx.predictions.predicted });
    expect(result.files.find((f) => f.kind === 'embedding-codes')?.meta).toMatchObject({ shape: [20, 8], layer: 'hidden' });
  }, 60_000);
});

describe('the stages on a colour model with global pooling and no hidden Dense', () => {
  const model = globalPooled();
  const description = describeModel(model, { kind: 'imported' }, 'byte');

  it('places the test set by its global pooling, and draws colour inputs', async () => {
    expect(description).toMatchObject({ visualized: ['a'], embedding: 'gap', softmax: 'dense', classes: 4, gradCam: ['a'] });
    const outDir = path.join(root, 'pooled');
    const ctx = await stageContext(model, description, outDir, 20);
    const files = await runVisualize(ctx);
    expect([...new Set(files.filter((f) => f.kind === 'layer-grid').map((f) => f.meta?.layer))]).toEqual(['a']);
    const embedded = await runEmbedding({ ...ctx, predicted: ctx.predictions.predicted });
    expect(embedded.files.find((f) => f.kind === 'embedding-codes')?.meta).toMatchObject({ shape: [20, 5], layer: 'gap' });
  }, 60_000);

  it('feeds bytes when the description says so', async () => {
    const ctx = await stageContext(model, description, root);
    const bytes = tf.mul(tf.tensor4d(ctx.test.images, [12, 10, 10, 3]), 255);
    const direct = (model.predict(bytes) as tf.Tensor).dataSync();
    Array.from(ctx.predictions.probabilities).forEach((p, i) => expect(p).toBeCloseTo(direct[i], 5));
  });

  it('writes no embedding files and no embedding metrics when the model has no embedding layer', async () => {
    const ctx = await stageContext(model, { ...description, embedding: null }, path.join(root, 'none'));
    expect(await runEmbedding({ ...ctx, predicted: ctx.predictions.predicted })).toEqual({ files: [], metrics: {} });
  });
});

describe('the tutorial description', () => {
  it('still gives the tutorial\'s layer lists and map ids', () => {
    expect(mapIds(TUTORIAL_DESCRIPTION.gradCam)).toEqual(['gradient', 'smoothgrad', 'integrated-gradients', 'grad-cam:conv2d_2', 'grad-cam:conv2d_1', 'occlusion']);
    expect(TUTORIAL_DESCRIPTION.convolutions).toEqual(['conv2d', 'conv2d_1', 'conv2d_2']);
    expect(TUTORIAL_DESCRIPTION.embedding).toBe('dense');
    expect(filterLayers(TUTORIAL_DESCRIPTION)).toEqual({ kernelImage: 'conv2d', norms: ['conv2d_1', 'conv2d_2'] });
  });
});
