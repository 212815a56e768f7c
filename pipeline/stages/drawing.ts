import type * as tfl from '@tensorflow/tfjs-layers';
import type { ArtifactFile, PipelineConfig } from '../artifacts/types';
import { ARTICLE_SAMPLE } from '../data/articleSample';
import { checkFiniteMetrics } from '../evaluate/degenerate';
import type { Split } from '../data/loadMnist';
import type { ModelDescription } from '../model/description';
import { runDistributions } from '../explain/distributions/runDistributions';
import { runEmbedding } from '../explain/embedding/runEmbedding';
import { runChannels } from '../explain/dictionary/runChannels';
import { runExplain } from '../explain/runExplain';
import { FULL_LIMITS, QUICK_LIMITS } from '../explain/settings';
import { runTimelapse } from '../explain/timelapse/runTimelapse';
import { runVisualize } from '../visualize/runVisualize';

export { ARTICLE_SAMPLE };

/** Argmax per test image and count × classes softmax outputs of the trained model. */
export interface DrawingPredictions {
  predicted: Int32Array;
  probabilities: Float32Array;
}

export interface DrawingOptions {
  model: tfl.LayersModel;
  /** The model's description: every stage reads the layers, input and classes it draws from here. */
  description: ModelDescription;
  test: Split;
  predictions: DrawingPredictions;
  config: PipelineConfig;
  /** The staging folder. */
  outDir: string;
  log: (line: string) => void;
  /** The visualization stage; replaceable so tests can run without it or make it fail. */
  visualize?: typeof runVisualize;
  /** The explain stage (attribution maps, sanity check); replaceable likewise. */
  explain?: typeof runExplain;
  /** The channel dictionary stage; replaceable likewise. */
  channels?: typeof runChannels;
  /** Weight and activation distributions (issue #13); replaceable likewise. */
  distributions?: typeof runDistributions;
  /** The embedding map of the test set (issue #13); replaceable likewise. */
  embedding?: typeof runEmbedding;
  /** The timelapse drawing (frames recorded by training); replaceable likewise. */
  timelapse?: typeof runTimelapse;
  /** A stop request (SIGINT/SIGTERM): checked before each stage. */
  signal?: AbortSignal;
}

/** What the drawing stages add to the manifest: their files, seconds per stage and headline numbers. */
export interface Drawn {
  files: ArtifactFile[];
  seconds: number;
  timings: { visualize: number; explain: number; channels: number; distributions: number; embedding: number; timelapse: number };
  metrics: Record<string, number>;
}

/** Seconds the drawing stages took in a run (what a redraw replaces). */
export function drawingSeconds(timings: Record<string, number>): number {
  return (timings.visualize ?? 0) + (timings.explain ?? 0) + (timings.channels ?? 0) + (timings.distributions ?? 0) + (timings.embedding ?? 0) + (timings.timelapse ?? 0);
}

/**
 * The stages that draw from the trained model without changing it. They are cached under the drawing
 * key (cacheKeys.ts: DRAWING lists what they read), so a redraw runs them again on the saved model.
 */
export async function runDrawing({ model, description, test, predictions, config, outDir, log, visualize = runVisualize, explain = runExplain, channels = runChannels, distributions = runDistributions, embedding = runEmbedding, timelapse = runTimelapse, signal }: DrawingOptions): Promise<Drawn> {
  const next = () => signal?.throwIfAborted();
  const clock = () => performance.now() / 1000;
  const t0 = clock();
  const context = { model, description, test, predictions, extraSamples: config.samples, articleSample: ARTICLE_SAMPLE, seed: config.seed, outDir, log };
  // A number a stage could not compute stops the run right after it, naming the stage, not later as a field the site rejects.
  const checked = <T extends { metrics: Record<string, number> }>(stage: string, result: T): T => {
    checkFiniteMetrics(stage, result.metrics, config.learningRate);
    return result;
  };
  next();
  const files = await visualize(context);
  const t1 = clock();
  // The quick preset is a preview: it explains fewer misclassified images and checks fewer samples.
  next();
  const explained = checked('explain', await explain({ ...context, limits: config.preset === 'quick' ? QUICK_LIMITS : FULL_LIMITS, igMaxSteps: config.igMaxSteps }));
  const t2 = clock();
  next();
  const dictionary = checked('channels', await channels({ ...context, preset: config.preset }));
  const t3 = clock();
  next();
  const spread = checked('distributions', await distributions({ model, description, test, seed: config.seed, outDir, log }));
  const t4 = clock();
  next();
  const mapped = checked('embedding', await embedding({ model, description, test, predicted: predictions.predicted, seed: config.seed, outDir, log }));
  const t5 = clock();
  next();
  const lapse = await timelapse({ outDir, articleSample: ARTICLE_SAMPLE, description, log });
  const t6 = clock();
  return {
    files: [...files, ...explained.files, ...dictionary.files, ...spread.files, ...mapped.files, ...lapse.files],
    seconds: t6 - t0,
    timings: { visualize: t1 - t0, explain: t2 - t1, channels: t3 - t2, distributions: t4 - t3, embedding: t5 - t4, timelapse: t6 - t5 },
    metrics: { ...explained.metrics, ...dictionary.metrics, ...spread.metrics, ...mapped.metrics },
  };
}
