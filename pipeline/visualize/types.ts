// Inputs of the visualization stage, and the one file format it defines besides the contract
// in pipeline/artifacts/types.ts (the per-layer data files that `LayerGridRef.data` points to).
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ChannelStats } from '../artifacts/types';
import type { ModelDescription } from '../model/description';

export interface VisualizeContext {
  /** Trained model (best weights): the tutorial's, one trained from --architecture, or an imported one. */
  model: tfl.LayersModel;
  /** The model's description: which layers to draw, its input and classes. */
  description: ModelDescription;
  /** count × height × width × channels intensities in [0, 1]; labels 0 … classes − 1. */
  test: { images: Float32Array; labels: Int32Array; count: number };
  /** Argmax per test image, and count × classes softmax probabilities. */
  predictions: { predicted: Int32Array; probabilities: Float32Array };
  /** --samples: extra test indices to draw. */
  extraSamples: number[];
  /** The tutorial's test image (51, a 3). */
  articleSample: number;
  /** Fixes the 24-image gallery. */
  seed: number;
  /** Staging folder (the artifacts root); files go under outDir/visuals/. */
  outDir: string;
  log: (line: string) => void;
  /** Milliseconds clock for the timing lines in the log; performance.now by default. */
  now?: () => number;
}

export const LAYER_DATA_FORMAT = 'cnn-hidden-truth/layer-data@1';

/**
 * visuals/data/<layer>/tNNNNN.json: per-channel statistics of one layer for one test image,
 * and where its raw values are. The raw file (`values.path`, relative to the artifacts folder)
 * holds shape[0]·shape[1]·shape[2] float32 numbers, little-endian, channel-major: channel k
 * at row y, column x is element k·h·w + y·w + x. In the browser:
 * `new Float32Array(await (await fetch(url)).arrayBuffer())`.
 */
export interface LayerDataFile {
  format: typeof LAYER_DATA_FORMAT;
  layer: string;
  sample: number;
  shape: [number, number, number];
  values: { path: string; dtype: 'float32'; byteOrder: 'little-endian'; layout: 'channel-major' };
  /** One entry per channel; numbers rounded to 7 significant digits (float32 precision). */
  stats: ChannelStats[];
}
