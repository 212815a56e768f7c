import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

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

/** The inverse of serializeModel: a model (with its own weights) from the two files' contents. */
export async function deserializeModel(modelJson: string, weights: Uint8Array): Promise<tfl.LayersModel> {
  const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData }));
}

/** Loads what serializeModel wrote into `dir` (model.json and its weights file) back into a model. */
export async function loadSavedModel(dir: string): Promise<tfl.LayersModel> {
  const modelJson = await readFile(path.join(dir, 'model.json'), 'utf8');
  const [manifest] = (JSON.parse(modelJson) as { weightsManifest: { paths: string[] }[] }).weightsManifest;
  return deserializeModel(modelJson, await readFile(path.join(dir, manifest.paths[0])));
}
