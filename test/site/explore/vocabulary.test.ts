// The explorer runs any model of the supported layer vocabulary with only the kernels it registers
// (cpuKernels.ts forward, gradientKernels.ts for the maps): each model here is made by the test, saved
// and loaded as the page loads model.json, and the explorer's probabilities equal the model's own
// (for a model whose outputs are logits, their softmax). A kernel missing from the slim lists fails
// here with "Kernel 'X' not registered", as it would in the browser.
import '@tensorflow/tfjs-backend-cpu/dist/base';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { deserializeModel, serializeModel } from '../../../pipeline/artifacts/saveModel';
import { inputSize, type ModelInput } from '../../../pipeline/model/description';
import { describeModel } from '../../../pipeline/model/describeModel';
import { explorerModel, type ExplorerModel } from '../../../site/lib/explore/explorerModel';
import { createExplainer } from '../../../site/scripts/explore/attribution';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { gradCam } from '../../../pipeline/explain/methods/gradCam';
import { gradient } from '../../../pipeline/explain/methods/gradient';
import { registerGradientKernels } from '../../../site/scripts/explore/gradientKernels';
import { loadNetwork } from '../../../site/scripts/explore/network';

let seed = 1;
const init = () => tfl.initializers.glorotUniform({ seed: seed++ });

/** Colour input read as bytes, Rescaling, ZeroPadding2D, BatchNormalization, ReLU/LeakyReLU layers, both poolings, global average pooling, a hidden Dense and a separate Softmax. */
function colourModel(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.rescaling({ scale: 1 / 255, offset: 0, inputShape: [16, 18, 3] }));
  m.add(tfl.layers.zeroPadding2d({ padding: 1 }));
  m.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init() }));
  m.add(tfl.layers.batchNormalization({}));
  m.add(tfl.layers.activation({ activation: 'relu' }));
  m.add(tfl.layers.leakyReLU({ alpha: 0.1 }));
  m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  m.add(tfl.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'elu', kernelInitializer: init() }));
  m.add(tfl.layers.dropout({ rate: 0.25 }));
  m.add(tfl.layers.globalAveragePooling2d({}));
  m.add(tfl.layers.dense({ units: 8, activation: 'relu', kernelInitializer: init() }));
  m.add(tfl.layers.dense({ units: 5, kernelInitializer: init() }));
  m.add(tfl.layers.softmax({}));
  // Batch statistics far from the identity, so a BatchNorm run wrongly would show.
  const bn = m.layers[3];
  bn.setWeights([tf.tensor1d([1.5, 0.5, 2, 1]), tf.tensor1d([0.1, -0.2, 0.3, 0]), tf.tensor1d([0.05, -0.1, 0.2, 0]), tf.tensor1d([0.5, 2, 1, 0.25])]);
  return m;
}

/** Strided convolutions with tanh and sigmoid, ReLU with a maximum, global max pooling, a linear output (logits, no softmax). */
function logitModel(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, activation: 'tanh', inputShape: [28, 28, 1], kernelInitializer: init() }));
  m.add(tfl.layers.reLU({ maxValue: 0.5 }));
  m.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'sigmoid', kernelInitializer: init() }));
  m.add(tfl.layers.globalMaxPooling2d({}));
  m.add(tfl.layers.dense({ units: 10, kernelInitializer: init() }));
  return m;
}

/** Reshape, relu6 as an Activation layer, Flatten and a Dense softmax, on a small rectangular input. */
function reshapeModel(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.reshape({ targetShape: [10, 12, 1], inputShape: [10, 12, 1] }));
  m.add(tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: init() }));
  m.add(tfl.layers.activation({ activation: 'relu6' }));
  m.add(tfl.layers.flatten({}));
  m.add(tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init() }));
  return m;
}

const CASES: { name: string; make: () => tfl.Sequential; scale: ModelInput['scale']; softmax: ExplorerModel['softmax'] }[] = [
  { name: 'colour, byte-scale input with a separate softmax layer', make: colourModel, scale: 'byte', softmax: 'layer' },
  { name: 'logits without a softmax', make: logitModel, scale: 'unit', softmax: 'none' },
  { name: 'a rectangular input and a Dense softmax', make: reshapeModel, scale: 'unit', softmax: 'dense' },
];

/** A [0, 1] test image of the model's input: a smooth ramp with a bright blob, the same every run. */
function testImage({ height, width, channels }: ModelInput): Float32Array {
  const img = new Float32Array(inputSize({ height, width, channels, scale: 'unit' }));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) {
    const blob = Math.exp(-((x - width / 3) ** 2 + (y - height / 2) ** 2) / 8);
    img[(y * width + x) * channels + c] = Math.min(1, 0.2 * ((x + c) / width) + blob);
  }
  return img;
}

async function saveAndLoad(model: tfl.LayersModel): Promise<{ handler: tf.io.IOHandler; reference: tfl.LayersModel }> {
  const { modelJson, weights } = await serializeModel(model);
  const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const handler = tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData: weights.slice().buffer });
  return { handler, reference: await deserializeModel(modelJson, weights) };
}

/**
 * The backward passes the maps take, with the gradient kernels only: the score (the logit Dense without
 * its activation) differentiated by the input and by the Grad-CAM layer's output, as pipeline/explain does.
 */
function backwardPass(model: tfl.LayersModel, config: ExplorerModel, image: Float32Array, target: number): { input: Float32Array; cam: Float32Array } {
  registerGradientKernels();
  const layers = model.layers;
  const names = layers.map((l) => l.name);
  const logitAt = config.softmax === 'none' ? layers.length : names.indexOf(config.logitLayer);
  const camAt = names.indexOf(config.gradCamLayer);
  const run = (h: tf.Tensor, from: number, to: number) => layers.slice(from, to).reduce((x, l) => l.apply(x) as tf.Tensor, h);
  const readOut = (h: tf.Tensor) => {
    if (config.softmax === 'none') return h as tf.Tensor2D;
    const [kernel, bias] = layers[logitAt].trainableWeights.map((w) => w.read());
    return tf.add(tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
  };
  const score = (s: tf.Tensor2D) => tf.sum(tf.mul(s, tf.oneHot(tf.tensor1d([target], 'int32'), config.classes)));
  return tf.tidy(() => {
    const { height, width, channels, scale } = config.input;
    const x = tf.mul(tf.tensor4d(image, [1, height, width, channels]), scale === 'byte' ? 255 : 1);
    const input = tf.grad((i: tf.Tensor) => score(readOut(run(i, 0, logitAt))))(x);
    const a = run(x, 0, camAt + 1);
    const grad = tf.grad((h: tf.Tensor) => score(readOut(run(h, camAt + 1, logitAt))))(a);
    const cam = tf.relu(tf.sum(tf.mul(a, tf.mean(grad, [1, 2], true)), 3, true)) as tf.Tensor4D;
    return { input: input.dataSync() as Float32Array, cam: tf.image.resizeBilinear(cam, [height, width], false, true).dataSync() as Float32Array };
  });
}

const softmax = (v: ArrayLike<number>) => {
  const m = Math.max(...Array.from(v));
  const e = Array.from(v, (x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('explorer network: the layer vocabulary with the slim kernels', () => {
  it.each(CASES)('runs a model with $name and gives its probabilities and every visualized layer', async ({ make, scale, softmax: kind }) => {
    const model = make();
    const config = explorerModel(describeModel(model, { kind: 'imported' }, scale));
    expect(config.softmax).toBe(kind);
    const { handler, reference } = await saveAndLoad(model);
    const network = await loadNetwork(handler, config);
    const image = testImage(config.input);
    const live = network.run(image);

    expect(live.layers.map((l) => l.name)).toEqual(config.layers.map((l) => l.name));
    live.layers.forEach((l, i) => {
      expect(l.shape).toEqual(config.layers[i].shape);
      expect(l.values).toHaveLength(l.shape[0] * l.shape[1] * l.shape[2]);
    });
    const { height, width, channels } = config.input;
    const x = Float32Array.from(image, (v) => (scale === 'byte' ? v * 255 : v));
    const out = tf.tidy(() => (reference.predict(tf.tensor4d(x, [1, height, width, channels])) as tf.Tensor).dataSync());
    const expected = kind === 'none' ? softmax(out) : Array.from(out);
    expect(live.probabilities).toHaveLength(config.classes);
    expect(maxDiff(live.probabilities, expected)).toBeLessThanOrEqual(1e-5);
    expect(live.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // The probabilities depend on the input: another image gives others (a constant output would hide a wrong read-out).
    expect(maxDiff(network.run(image.map((v) => 1 - v)).probabilities, live.probabilities)).toBeGreaterThan(1e-4);

    const top = live.probabilities.indexOf(Math.max(...live.probabilities));
    const maps = backwardPass(network.model, config, image, top);
    expect(maps.input.some((v) => v !== 0) && maps.input.every(Number.isFinite)).toBe(true);
    expect(maps.cam).toHaveLength(height * width);
    expect(maps.cam.every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('feeds a byte-scale model 0–255 values: the same model read as unit scale predicts otherwise', async () => {
    const model = colourModel();
    const byte = explorerModel(describeModel(model, { kind: 'imported' }, 'byte'));
    const { handler } = await saveAndLoad(model);
    const network = await loadNetwork(handler, byte);
    const unit = await loadNetwork((await saveAndLoad(model)).handler, { ...byte, input: { ...byte.input, scale: 'unit' } });
    const image = testImage(byte.input);
    expect(maxDiff(network.run(image).probabilities, unit.run(image).probabilities)).toBeGreaterThan(1e-4);
  }, 60_000);

  it.each(CASES)('draws the live maps of a model with $name as the build draws them (Grad-CAM and gradient)', async ({ make, scale }) => {
    const model = make();
    const config = explorerModel(describeModel(model, { kind: 'imported' }, scale));
    const { handler } = await saveAndLoad(model);
    const network = await loadNetwork(handler, config);
    const image = testImage(config.input);
    const maps = createExplainer(network.model, config)(image, 1);
    // The build's own methods on the build's logit net over the same weights.
    const net = createLogitNet(model, config);
    const input = { images: image, targets: Int32Array.of(1) };
    const cam = gradCam(config.gradCamLayer)(net, input).maps;
    const grad = gradient(net, input).maps;
    const tolerance = (ref: Float32Array) => 1e-6 * Math.max(...Array.from(ref, Math.abs)) + 1e-9;
    expect(maxDiff(maps.gradCam, cam)).toBeLessThanOrEqual(tolerance(cam));
    expect(maxDiff(maps.gradient, grad)).toBeLessThanOrEqual(tolerance(grad));
    expect(Math.max(...maps.gradient)).toBeGreaterThan(0);
  }, 60_000);
});
