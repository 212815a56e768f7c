// The visualization stage: feature maps of chosen test images, the first layer's kernels,
// filter norms, a prediction gallery, the misclassified images and a few examples of each class,
// indexed in visuals.json.
import type { ArtifactFile, VisualIndex } from '../artifacts/types';
import { inputSize } from '../model/description';
import { computeActivations, createActivationModel } from './activationModel';
import { renderClassExamples } from './renderClassExamples';
import { renderFilters } from './renderFilters';
import { renderPredictions } from './renderPredictions';
import { renderInputs, renderLayerGrids } from './renderSamples';
import { selectSamples } from './selectSamples';
import { renderTestImages } from './renderTestImages';
import type { VisualizeContext } from './types';
import { artifactWriter } from './writeArtifact';

/** Where the index goes, relative to the artifacts folder (kind 'visual-index'). */
export const VISUAL_INDEX_PATH = 'visuals/visuals.json';

/** Fails early, naming the field, when the arrays do not match `test.count` and the model's input and classes. */
export function checkVisualizeInputs({ test, predictions, description }: Pick<VisualizeContext, 'test' | 'predictions' | 'description'>): void {
  const { count } = test;
  const { input, classes } = description;
  const expect = (what: string, actual: number, expected: number, formula: string) => {
    if (actual !== expected) throw new Error(`runVisualize: ${what} has ${actual} values; expected ${formula} = ${expected} (test.count is ${count})`);
  };
  if (!Number.isInteger(count) || count < 1) throw new Error(`runVisualize: test.count must be a whole number ≥ 1, got ${count}`);
  expect('test.images', test.images.length, count * inputSize(input), `count × ${input.height} × ${input.width} × ${input.channels}`);
  expect('test.labels', test.labels.length, count, 'count');
  expect('predictions.predicted', predictions.predicted.length, count, 'count');
  expect('predictions.probabilities', predictions.probabilities.length, count * classes, `count × ${classes}`);
}

/** Copies the images at `indices` (PIXELS values each) into one batch. */
function gatherImages(images: Float32Array, indices: number[], PIXELS: number): Float32Array {
  const batch = new Float32Array(indices.length * PIXELS);
  indices.forEach((index, i) => batch.set(images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
  return batch;
}

export async function runVisualize(ctx: VisualizeContext): Promise<ArtifactFile[]> {
  const now = ctx.now ?? (() => performance.now());
  const { test, predictions, log } = ctx;
  checkVisualizeInputs(ctx);
  const { samples: choices, notes } = selectSamples({
    articleSample: ctx.articleSample,
    extraSamples: ctx.extraSamples,
    labels: test.labels,
    predicted: predictions.predicted,
    classes: ctx.description.classes,
  });
  for (const note of notes) log(`visualize: ${note}`);
  const indices = choices.map((c) => c.index);
  const write = artifactWriter(ctx.outDir);

  const t0 = now();
  const { input, classes } = ctx.description;
  const batch = gatherImages(test.images, indices, inputSize(input));
  const activations = computeActivations(createActivationModel(ctx.model, ctx.description.visualized), batch, indices.length, input);
  const t1 = now();
  const inputs = await renderInputs({ choices, images: test.images, labels: test.labels, predicted: predictions.predicted, input }, write);
  const grids = await renderLayerGrids(activations, indices, write);
  const t2 = now();
  log(
    `visualize: ${indices.length} samples × ${activations.length} layers: forward pass ${Math.round(t1 - t0)} ms, ` +
      `${grids.grids.length} grids + ${inputs.files.length} inputs written in ${Math.round(t2 - t1)} ms`,
  );

  const filters = await renderFilters(ctx.model, ctx.description, write);
  const shown = await renderPredictions({ images: test.images, labels: test.labels, seed: ctx.seed, ...predictions, input, classes }, write);
  const testImages = await renderTestImages(test, input, write);
  const examples = await renderClassExamples(test, input, classes, write);
  if (examples.missing.length > 0) log(`visualize: the test set has no image of class ${examples.missing.join(', ')}; no examples for ${examples.missing.length === 1 ? 'it' : 'them'}`);
  const t3 = now();
  log(
    `visualize: filters, ${shown.gallery.length} gallery and ${shown.misclassified.length} misclassified images, ${testImages.length} test-image shards, ` +
      `examples of ${examples.classExamples.length} classes in ${Math.round(t3 - t2)} ms`,
  );

  const index: VisualIndex = {
    articleSample: ctx.articleSample,
    samples: inputs.samples,
    layers: grids.layers,
    grids: grids.grids,
    filters: filters.filters,
    gallery: shown.gallery,
    misclassified: shown.misclassified,
    classExamples: examples.classExamples,
  };
  const indexFile = await write(VISUAL_INDEX_PATH, JSON.stringify(index), 'visual-index', {
    samples: index.samples.length,
    grids: index.grids.length,
    misclassified: index.misclassified.length,
  });
  return [...inputs.files, ...grids.files, ...filters.files, ...shown.files, ...testImages, ...examples.files, indexFile];
}
