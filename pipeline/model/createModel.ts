import * as tfl from '@tensorflow/tfjs-layers';

// The tutorial network's own sizes (MNIST); other data sets pass theirs. Every other stage reads them
// from the model's description.
const TUTORIAL_INPUT = { height: 28, width: 28, channels: 1 };
const TUTORIAL_CLASSES = 10;
export const DROPOUT_RATE = 0.3;

/**
 * The tutorial's first eight layers (its description's `visualized`). The pipeline reads
 * description.visualized; this stays for the explorer's test (test/site/explore) until it does too.
 */
export const VISUALIZED_LAYERS = [
  'conv2d',
  'max_pooling2d',
  'dropout',
  'conv2d_1',
  'max_pooling2d_1',
  'dropout_1',
  'conv2d_2',
  'max_pooling2d_2',
] as const;

export interface CreateModelOptions {
  /** Seed for the weight initialisers; the same seed gives the same initial weights. */
  seed?: number;
  /** The image the network takes (default MNIST's 28×28×1): the tutorial's layers on other data. */
  input?: { height: number; width: number; channels: number };
  /** Units of the softmax layer: one per class of the data (default 10). */
  classes?: number;
}

/**
 * The tutorial's network, layer for layer, with the names Keras would give it so that
 * the summary reads like the original: three conv/pool/dropout blocks, then two dense layers.
 */
export function createModel({ seed, input = TUTORIAL_INPUT, classes = TUTORIAL_CLASSES }: CreateModelOptions = {}): tfl.Sequential {
  let next = seed ?? null;
  // Each layer gets its own seed derived from the run seed, so initial weights are reproducible.
  const init = () => (next === null ? 'glorotUniform' : tfl.initializers.glorotUniform({ seed: next++ }));
  const model = tfl.sequential({ name: 'sequential' });
  const conv = (name: string, filters: number, first = false) =>
    tfl.layers.conv2d({
      name,
      filters,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init(),
      ...(first ? { inputShape: [input.height, input.width, input.channels] } : {}),
    });
  const block = (suffix: string, filters: number, first = false) => {
    model.add(conv(`conv2d${suffix}`, filters, first));
    model.add(tfl.layers.maxPooling2d({ name: `max_pooling2d${suffix}`, poolSize: 2 }));
    // No per-layer seed: TF.js would then draw the same mask at every step. Masks come from
    // Math.random, which the trainer seeds (seedMathRandom) for repeatable runs.
    model.add(tfl.layers.dropout({ name: `dropout${suffix}`, rate: DROPOUT_RATE }));
  };
  block('', 32, true);
  block('_1', 64);
  block('_2', 128);
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(tfl.layers.dense({ name: 'dense', units: 128, activation: 'relu', kernelInitializer: init() }));
  model.add(tfl.layers.dense({ name: 'dense_1', units: classes, activation: 'softmax', kernelInitializer: init() }));
  return model;
}

