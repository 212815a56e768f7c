// zod schemas for the parts of the artifact contract (pipeline/artifacts/types.ts) the site reads, besides the manifest.
// They check shape, not values: a wrong pipeline output should fail with the file and field named.
import { z } from 'zod';

const num = z.number();
const str = z.string();

// The manifest's schema is the pipeline's (pipeline/artifacts/manifestSchema.ts): one schema for both readers.

export const historySchema = z.object({
  epochs: z.array(z.object({ epoch: num, loss: num, accuracy: num, valLoss: num, valAccuracy: num, seconds: num, imagesPerSecond: num }).loose()),
  bestEpoch: num, stoppedEarly: z.boolean(), maxEpochs: num, patience: num, seconds: num,
});

export const summarySchema = z.object({
  layers: z.array(z.object({ name: str, type: str, outputShape: z.array(num.nullable()), params: num })),
  totalParams: num, trainableParams: num, nonTrainableParams: num,
});

export const evaluationSchema = z.object({
  testLoss: num, testAccuracy: num, confusion: z.array(z.array(num)),
  perClass: z.array(z.object({ digit: num, precision: num, recall: num, support: num })),
  misclassified: num, count: num,
});

export const predictionsSchema = z.object({
  count: num, labels: z.array(num), predicted: z.array(num), probabilitiesPath: str,
});

const imageWithPrediction = z.object({
  index: num, label: num, predicted: num, image: str, top3: z.array(z.object({ digit: num, probability: num })),
});

export const visualIndexSchema = z.object({
  articleSample: num,
  samples: z.array(z.object({ index: num, label: num, predicted: num, role: z.enum(['article', 'digit', 'extra']), input: str })),
  layers: z.array(z.object({ name: str, type: str, shape: z.tuple([num, num, num]), rows: num, cols: num })),
  grids: z.array(z.object({ layer: str, sample: num, path: str, width: num, height: num, tile: num, gap: num, deadChannels: num, data: str })),
  filters: z.object({ grid: str, width: num, height: num, tile: num, gap: num, norms: str }),
  gallery: z.array(imageWithPrediction),
  misclassified: z.array(imageWithPrediction),
  classExamples: z.array(z.object({ label: num, image: str, indices: z.array(num) })).optional(),
});

export const channelStatsSchema = z.object({ channel: num, mean: num, std: num, min: num, max: num, dead: z.boolean() });

/** visuals/filters/norms.json: per-filter weight norms of the deeper conv layers. */
export const filterNormsSchema = z.object({ layers: z.array(z.object({ layer: str, norms: z.array(num) }).loose()) });

/** The layer-data JSON: the site needs only the per-channel stats; raw values may sit beside them. */
export const layerDataSchema = z.object({ stats: z.array(channelStatsSchema) }).loose();

const mapRef = z.object({ id: str, image: str, min: num, max: num, sum: num, completeness: num.optional(), steps: num.optional(), converged: z.boolean().optional() });

/** explain/explain.json (pipeline/explain/explainIndex.ts): what the attribution directives read. */
export const explainIndexSchema = z.object({
  format: z.literal('cnn-hidden-truth/explain@1'),
  maps: z.array(str),
  settings: z.object({
    smoothGrad: z.object({ samples: num, noise: num }),
    integratedGradients: z.object({ steps: num, maxSteps: num, refineAbove: num, maxError: num, baseline: str }),
    occlusion: z.object({ patch: num, stride: num }),
    gradCamLayers: z.array(str),
    imageScale: num,
  }),
  samples: z.array(z.object({
    index: num, label: num, predicted: num, sets: z.array(z.enum(['samples', 'gallery', 'misclassified'])), data: str,
    targets: z.array(z.object({ digit: num, role: z.enum(['predicted', 'true']), score: num, probability: num, maps: z.array(mapRef) })),
  })),
  misclassified: z.object({ total: num, explained: num }),
  completeness: z.object({ max: num, median: num, maps: num, unconverged: num }),
  sanity: z.object({
    samples: z.array(num), steps: z.array(str), correlations: z.record(str, z.array(num)), absCorrelations: z.record(str, z.array(num)),
    constantMaps: z.record(str, z.array(num)), threshold: num, flagged: z.array(str), figureSample: num, figure: z.record(str, z.array(str)), seed: num,
  }),
  seconds: z.record(str, num),
});

const histogram = z.object({ start: num, width: num, counts: z.array(num) });
const weightStats = z.object({ mean: num, std: num, min: num, max: num });

/** explain/distributions.json (pipeline/explain/distributions/distributionsIndex.ts). */
export const distributionsSchema = z.object({
  format: z.literal('cnn-hidden-truth/distributions@1'),
  images: num,
  seed: num,
  weights: z.array(z.object({ layer: str, count: num, start: num, width: num, trained: z.array(num), initial: z.array(num), trainedStats: weightStats, initialStats: weightStats })),
  activations: z.array(z.object({ layer: str, total: num, zeros: num, max: num, positive: histogram, deadShare: z.array(num) })),
  mostlyDead: num,
});

const extent = z.tuple([num, num, num, num]);

/** explain/embedding/embedding.json (pipeline/explain/embedding/embeddingIndex.ts). */
export const embeddingIndexSchema = z.object({
  format: z.literal('cnn-hidden-truth/embedding@1'),
  count: num,
  layer: str,
  dims: num,
  files: z.object({ codes: str, umap: str, pca: str, points: str }),
  umap: z.object({ neighbors: num, minDist: num, epochs: num, seed: num, library: str }),
  pca: z.object({ library: str, explained: z.tuple([num, num]) }),
  extents: z.object({ umap: extent, pca: extent }),
});

const optimised = { image: str, start: num, objective: num };

/** explain/channels.json (pipeline/explain/dictionary/channelsIndex.ts): what the dictionary directives read. */
export const channelsIndexSchema = z.object({
  format: z.literal('cnn-hidden-truth/channels@1'),
  testImages: num,
  topK: num,
  ascent: z.object({ steps: num, stepSize: num, l2: num, jitter: num, blur: num, noise: num, seed: num }),
  stripScale: num,
  layers: z.array(z.object({
    name: str, channels: num, mapSize: num, field: z.object({ size: num, jump: num, offset: num }),
    entries: z.array(z.object({
      channel: num,
      examples: z.array(z.object({ index: num, value: num, box: z.tuple([num, num, num, num]) })),
      strip: str,
      optimised: z.object(optimised),
      kernel: z.object({ values: z.array(num), image: str, maxAbs: num }).optional(),
    })),
  })),
  classes: z.array(z.object({ digit: num, ...optimised })),
  seconds: z.record(str, num),
});
