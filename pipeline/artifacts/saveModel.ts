import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * Serialises the model in the TF.js layers format (model.json + one weights file), the form
 * `tf.loadLayersModel` reads in a browser. Returns the two files' contents.
 */
export async function serializeModel(model: tfl.LayersModel, weightsName = 'weights.bin'): Promise<{ modelJson: string; weights: Uint8Array }> {
  let result: { modelJson: string; weights: Uint8Array } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs }],
      };
      result = { modelJson: JSON.stringify(modelJson), weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!result) throw new Error('model.save produced no artifacts');
  return result;
}
