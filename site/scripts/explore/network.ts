// The site's own trained model, run with TF.js's cpu backend as ES modules (no CDN, no UMD bundle,
// no WebAssembly). One tf.model gives the visualized layers and the class scores in one pass; which
// layers and where the scores are come from the manifest's description (ExplorerModel), not from
// the tutorial's network.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ExplorerModel } from '../../lib/explore/explorerModel';
import { needsVocabularyKernels, registerExplorerKernels } from './cpuKernels';
import { toModelScale } from './modelInput';

export interface LayerOutput {
  name: string;
  /** height, width, channels */
  shape: [number, number, number];
  /** height × width × channels, channels last. */
  values: Float32Array;
}

export interface NetworkResult {
  probabilities: Float32Array;
  layers: LayerOutput[];
}

export interface Network {
  /** `input`: [0, 1] pixels, height × width × channels of the model's input. */
  run(input: Float32Array): NetworkResult;
  /** The trained model itself (the attribution maps wrap it). */
  model: tfl.LayersModel;
}

export type NetworkConfig = Pick<ExplorerModel, 'input' | 'logitLayer' | 'softmax'> & { layers: readonly { name: string }[] };

/**
 * Where the probabilities come from, as the build reads the scores: a Dense with its own softmax
 * gives them as its output; with a softmax layer after it, the Dense's input goes through its kernel
 * and bias (its activation and the layers after it dropped) and then a softmax; with no softmax the
 * model's outputs are the scores (logits) and get one.
 */
function scoreTensor(trained: tfl.LayersModel, config: NetworkConfig): { output: tfl.SymbolicTensor; toProbabilities: (t: tf.Tensor) => tf.Tensor } {
  if (config.softmax === 'none') return { output: trained.outputs[0], toProbabilities: (t) => tf.softmax(t as tf.Tensor2D) };
  const dense = trained.getLayer(config.logitLayer);
  if (dense.getClassName() !== 'Dense') throw new Error(`explorer: the logit layer "${config.logitLayer}" is a ${dense.getClassName()}, not a Dense layer`);
  if (config.softmax === 'dense') return { output: dense.output as tfl.SymbolicTensor, toProbabilities: (t) => t };
  const [kernel, bias] = dense.trainableWeights.map((w) => w.read());
  const useBias = dense.getConfig().useBias !== false && bias !== undefined;
  return {
    output: dense.input as tfl.SymbolicTensor,
    toProbabilities: (h) => tf.softmax(tf.fused.matMul({ a: h as tf.Tensor2D, b: kernel as tf.Tensor2D, bias: useBias ? bias : undefined })),
  };
}

/** `model`: the model.json URL in the browser, or an IO handler (tests load a model from memory). */
export async function loadNetwork(model: string | tf.io.IOHandler, config: NetworkConfig): Promise<Network> {
  registerExplorerKernels();
  await tf.setBackend('cpu');
  await tf.ready();
  const trained = await tfl.loadLayersModel(model);
  if (needsVocabularyKernels(trained.layers.map((l) => ({ className: l.getClassName(), activation: l.getConfig().activation })))) {
    (await import('./vocabularyKernels')).registerVocabularyKernels();
  }
  const names = config.layers.map((l) => l.name);
  const scores = scoreTensor(trained, config);
  const outputs = [...names.map((name) => trained.getLayer(name).output as tfl.SymbolicTensor), scores.output];
  const explorer = tfl.model({ inputs: trained.inputs, outputs, name: 'explorer' });
  const { height, width, channels, scale } = config.input;
  return {
    model: trained,
    run(input) {
      const results = tf.tidy(() => {
        const predicted = explorer.predict(tf.tensor4d(toModelScale(input, scale), [1, height, width, channels]));
        const out = Array.isArray(predicted) ? predicted : [predicted];
        return [...out.slice(0, -1), scores.toProbabilities(out[out.length - 1])];
      });
      try {
        const layers = names.map((name, i) => {
          const [, h, w, c] = results[i].shape;
          return { name, shape: [h, w, c] as [number, number, number], values: results[i].dataSync() as Float32Array };
        });
        return { layers, probabilities: results[names.length].dataSync() as Float32Array };
      } finally {
        tf.dispose(results);
      }
    },
  };
}
