// The one description of the model a report shows (issue #20): made once, where the model is created or
// imported, passed to every stage as an argument and written into the manifest, which the site reads.
// Nothing downstream may assume the tutorial's layer names, layer count, channel counts or input size;
// it reads them from here. Pure data: the site imports the type without TensorFlow.

/** Where the model came from. */
export interface ModelSource {
  /** tutorial: the tutorial's network trained here; architecture: --architecture trained here; imported: --model, not trained here. */
  kind: 'tutorial' | 'architecture' | 'imported';
  /** The file's name as given (basename), for --architecture and --model. */
  file?: string;
  /** keras: a Keras 3 `.keras` zip; h5: legacy Keras HDF5; tfjs: a TF.js layers `model.json`; keras-json: a bare Keras configuration. */
  format?: 'keras' | 'h5' | 'tfjs' | 'keras-json';
  /** The Keras version the file records (`keras_version`), or null when it records none. */
  kerasVersion?: string | null;
  /** For TF.js files: the `generatedBy` / `convertedBy` fields. */
  generatedBy?: string | null;
  /** SHA-256 of the file's bytes (for model.json: of model.json and its shards, in manifest order). */
  sha256?: string;
  /** The optimizer and loss the file's training configuration records, or null. */
  optimizer?: string | null;
  loss?: string | null;
}

/** What the network takes: one image of height × width × channels, pixels scaled as `scale` says. */
export interface ModelInput {
  height: number;
  width: number;
  channels: number;
  /** unit: pixels divided by 255 (0–1), as the tutorial does; byte: raw 0–255 values. */
  scale: 'unit' | 'byte';
}

export interface DescribedLayer {
  name: string;
  /** Keras class name: Conv2D, MaxPooling2D, Dense, … */
  type: string;
  /** Per image, without the batch dimension: [h, w, c] for maps, [units] after Flatten. */
  outputShape: number[];
  params: number;
  /** Conv2D: filters, kernel size, strides, padding; Dense: units; any: activation when the layer has one. */
  filters?: number;
  kernelSize?: [number, number];
  strides?: [number, number];
  padding?: string;
  units?: number;
  activation?: string;
  /** Dropout / SpatialDropout2D: the rate. */
  rate?: number;
}

export interface ModelDescription {
  source: ModelSource;
  input: ModelInput;
  /** Number of classes the output layer scores. */
  classes: number;
  /** Every layer in order (no InputLayer). */
  layers: DescribedLayer[];
  totalParams: number;
  /** The layers whose feature maps the article and the explorer show: every map layer before the first Flatten / global pooling, trailing dropout left out. */
  visualized: string[];
  /** Every Conv2D, in order: the channel dictionary, activation distributions. */
  convolutions: string[];
  /** Grad-CAM targets: the last convolution, then the one before it (when there is one). */
  gradCam: string[];
  /** Layers with weights, in order: weight distributions and the randomisation cascade (top down). */
  weighted: string[];
  /** The first convolution: its kernels on the model page and in the timelapse. */
  firstConvolution: string;
  /** Layer whose outputs place the test set on the embedding map: the last hidden Dense, else the global pooling; null when neither exists. */
  embedding: string | null;
  /** The last Dense layer, read without its activation: the scores explanations follow. */
  logitLayer: string;
  /** How the output becomes probabilities: softmax in the last Dense, in a layer after it, or none (outputs treated as logits). */
  softmax: 'dense' | 'layer' | 'none';
}

/** Keras layer classes that pass their input through unchanged at inference. */
export const INFERENCE_IDENTITY = new Set(['Dropout', 'SpatialDropout2D', 'GaussianDropout', 'GaussianNoise', 'AlphaDropout']);
const FLATTENING = new Set(['Flatten', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D']);
const GLOBAL_POOLING = new Set(['GlobalAveragePooling2D', 'GlobalMaxPooling2D']);

/** Thrown when a model cannot be described (and so not shown): the message says what is missing. */
export class ModelShapeError extends Error {
  override name = 'ModelShapeError';
}

/**
 * The description of a stack of layers, from facts alone (so the rule is tested without TensorFlow).
 * `layers` excludes the InputLayer; `input` is the per-image input shape.
 */
export function describeLayers(layers: DescribedLayer[], input: ModelInput, source: ModelSource): ModelDescription {
  if (layers.length === 0) throw new ModelShapeError('the model has no layers');
  const names = layers.map((l) => l.name);
  const flat = layers.findIndex((l) => FLATTENING.has(l.type) || l.outputShape.length !== 3);
  const before = flat < 0 ? layers : layers.slice(0, flat);
  let end = before.length;
  while (end > 0 && INFERENCE_IDENTITY.has(before[end - 1].type)) end--;
  const visualized = before.slice(0, end).filter((l) => l.outputShape.length === 3).map((l) => l.name);
  const convolutions = layers.filter((l) => l.type === 'Conv2D').map((l) => l.name);
  if (convolutions.length === 0) throw new ModelShapeError(`the model has no Conv2D layer; this report shows convolutional networks (layers: ${names.join(', ')})`);
  const denseAt = layers.map((l, i) => (l.type === 'Dense' ? i : -1)).filter((i) => i >= 0);
  if (denseAt.length === 0) throw new ModelShapeError(`the model has no Dense layer to read its class scores from (layers: ${names.join(', ')})`);
  const last = denseAt[denseAt.length - 1];
  const logit = layers[last];
  const after = layers.slice(last + 1);
  const softmaxAfter = after.some((l) => l.type === 'Softmax' || (l.type === 'Activation' && l.activation === 'softmax'));
  const softmax = logit.activation === 'softmax' ? 'dense' : softmaxAfter ? 'layer' : 'none';
  const hiddenDense = denseAt.slice(0, -1).map((i) => layers[i].name);
  const pooled = layers.filter((l) => GLOBAL_POOLING.has(l.type)).map((l) => l.name);
  return {
    source,
    input,
    classes: logit.units ?? logit.outputShape[0],
    layers,
    totalParams: layers.reduce((n, l) => n + l.params, 0),
    visualized,
    convolutions,
    gradCam: convolutions.slice(-2).reverse(),
    weighted: layers.filter((l) => l.params > 0).map((l) => l.name),
    firstConvolution: convolutions[0],
    embedding: hiddenDense.at(-1) ?? pooled.at(-1) ?? null,
    logitLayer: logit.name,
    softmax,
  };
}

/**
 * The tutorial's network as the tutorial built it: its layers at MNIST's 28×28×1 input with ten classes.
 * Prose about its sizes (110,474 parameters, maps of 26, 13, 11…) is true only then; the same layers
 * built for other data (issue #21) are described like any other network.
 */
export function isTutorialNetwork(description: Pick<ModelDescription, 'source' | 'input' | 'classes'>): boolean {
  const { height, width, channels } = description.input;
  return description.source.kind === 'tutorial' && height === 28 && width === 28 && channels === 1 && description.classes === 10;
}

/** Values per input image (height × width × channels). */
export function inputSize(input: ModelInput): number {
  return input.height * input.width * input.channels;
}

/** The per-image input shape, as a tensor takes it after the batch dimension. */
export function inputShape(input: ModelInput): [number, number, number] {
  return [input.height, input.width, input.channels];
}

/** A described layer by name; an error naming the layers there are when it is missing. */
export function describedLayer(description: ModelDescription, name: string): DescribedLayer {
  const layer = description.layers.find((l) => l.name === name);
  if (!layer) throw new ModelShapeError(`no layer "${name}" in the model; its layers: ${description.layers.map((l) => l.name).join(', ')}`);
  return layer;
}
