import type * as tfl from '@tensorflow/tfjs-layers';
import type { ArtifactFile, PipelineConfig } from '../artifacts/types';
import type { Split } from '../data/loadMnist';
import { runVisualize } from '../visualize/runVisualize';

export const ARTICLE_SAMPLE = 51; // the tutorial's test digit, a 3

/** Argmax per test image and count × 10 softmax outputs of the trained model. */
export interface DrawingPredictions {
  predicted: Int32Array;
  probabilities: Float32Array;
}

export interface DrawingOptions {
  model: tfl.LayersModel;
  test: Split;
  predictions: DrawingPredictions;
  config: PipelineConfig;
  /** The staging folder. */
  outDir: string;
  log: (line: string) => void;
  /** The visualization stage; replaceable so tests can run without it or make it fail. */
  visualize?: typeof runVisualize;
}

/**
 * The stages that draw from the trained model without changing it. They are cached under the drawing
 * key (cacheKeys.ts: DRAWING lists what they read), so a redraw runs them again on the saved model.
 */
export async function runDrawing({ model, test, predictions, config, outDir, log, visualize = runVisualize }: DrawingOptions): Promise<{ files: ArtifactFile[]; seconds: number }> {
  const t0 = performance.now();
  const files = await visualize({ model, test, predictions, extraSamples: config.samples, articleSample: ARTICLE_SAMPLE, seed: config.seed, outDir, log });
  return { files, seconds: (performance.now() - t0) / 1000 };
}
