// The tutorial's "activation model": same input as the trained network, one output per
// visualized layer (description.visualized). It shares the trained layers (and their weights), so nothing is copied.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelInput } from '../model/description';
import { inputTensor } from '../model/inputTensor';

export interface LayerActivations {
  name: string;
  type: string;
  /** Per-sample shape: height, width, channels. */
  shape: [number, number, number];
  /** samples × height × width × channels, channels last (as TF.js returns them). */
  values: Float32Array;
}

/** Do not dispose the result: it shares the trained model's layers, and disposing would free their weights. */
export function createActivationModel(model: tfl.LayersModel, layerNames: readonly string[]): tfl.LayersModel {
  const known = model.layers.map((l) => l.name);
  const missing = layerNames.filter((name) => !known.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `activation model: the model has no layer named ${missing.map((n) => `'${n}'`).join(', ')}; ` +
        `its layers are ${known.join(', ')}; the layer names come from the model's description.`,
    );
  }
  const outputs = layerNames.map((name) => model.getLayer(name).output as tfl.SymbolicTensor);
  return tfl.model({ inputs: model.inputs, outputs, name: 'activation_model' });
}

/**
 * Runs `images` (n × height × width × channels, values in [0, 1]) through the activation model, on
 * the model's input scale. predict() runs in inference mode, so dropout passes its input through unchanged.
 */
export function computeActivations(activationModel: tfl.LayersModel, images: Float32Array, n: number, input: ModelInput): LayerActivations[] {
  const outputs = tf.tidy(() => {
    const result = activationModel.predict(inputTensor(images, n, input));
    return Array.isArray(result) ? result : [result];
  });
  try {
    return outputs.map((t, i) => {
      const layer = activationModel.outputLayers[i];
      const [, h, w, c] = t.shape;
      if (t.shape.length !== 4) throw new Error(`computeActivations: layer ${layer.name} gives shape [${t.shape}], expected 4-D feature maps`);
      // slice(): a copy that stays valid after the tensor is disposed, whatever the backend.
      return { name: layer.name, type: layer.getClassName(), shape: [h, w, c], values: (t.dataSync() as Float32Array).slice() };
    });
  } finally {
    tf.dispose(outputs);
  }
}
