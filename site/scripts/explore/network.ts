// The site's own trained model, run with TF.js's cpu backend as ES modules (no CDN, no UMD bundle,
// no WebAssembly). One tf.model gives the eight visualized layers and the prediction in one pass.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerExplorerKernels } from './cpuKernels';

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
  run(input: Float32Array): NetworkResult;
  /** The trained model itself (the attribution maps wrap it). */
  model: tfl.LayersModel;
}

/** `model`: the model.json URL in the browser, or an IO handler (tests load a model from memory). */
export async function loadNetwork(model: string | tf.io.IOHandler, layerNames: readonly string[]): Promise<Network> {
  registerExplorerKernels();
  await tf.setBackend('cpu');
  await tf.ready();
  const trained = await tfl.loadLayersModel(model);
  const outputs = [...layerNames.map((name) => trained.getLayer(name).output as tfl.SymbolicTensor), trained.outputs[0]];
  const explorer = tfl.model({ inputs: trained.inputs, outputs, name: 'explorer' });
  return {
    model: trained,
    run(input) {
      const results = tf.tidy(() => explorer.predict(tf.tensor4d(input, [1, 28, 28, 1])) as tf.Tensor[]);
      try {
        const layers = layerNames.map((name, i) => {
          const [, h, w, c] = results[i].shape;
          return { name, shape: [h, w, c] as [number, number, number], values: results[i].dataSync() as Float32Array };
        });
        return { layers, probabilities: results[layerNames.length].dataSync() as Float32Array };
      } finally {
        tf.dispose(results);
      }
    },
  };
}
