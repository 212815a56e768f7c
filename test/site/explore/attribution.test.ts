// The explorer's live attribution maps against the build's attribution methods: the browser code
// (site/scripts/explore/attribution.ts, with only the slim forward and gradient kernels registered) and the pipeline's
// Grad-CAM and gradient give the same maps for the same model, image and class.
import '@tensorflow/tfjs-backend-cpu/dist/base';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../pipeline/model/createModel';
import { deserializeModel, serializeModel } from '../../../pipeline/artifacts/saveModel';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { gradCam } from '../../../pipeline/explain/methods/gradCam';
import { gradient } from '../../../pipeline/explain/methods/gradient';
import { explorerModel } from '../../../site/lib/explore/explorerModel';
import { createExplainer } from '../../../site/scripts/explore/attribution';
import { loadNetwork } from '../../../site/scripts/explore/network';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

function testDigit(): Float32Array {
  // A "7": a bar and a diagonal, made here so the test needs no data set.
  const img = new Float32Array(784);
  for (let x = 6; x < 22; x++) img[6 * 28 + x] = img[7 * 28 + x] = 1;
  for (let y = 8; y < 24; y++) { const x = 21 - Math.floor((y - 8) * 0.6); img[y * 28 + x] = img[y * 28 + x - 1] = 0.9; }
  return img;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('explorer network: attribution maps', () => {
  it('gives the pipeline’s Grad-CAM and gradient maps for the top class, within float tolerance, with only the slim kernels', async () => {
    const { modelJson, weights } = await serializeModel(createModel({ seed: 7 }));
    const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const handler = tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData: weights.slice().buffer });
    const config = explorerModel(TUTORIAL_DESCRIPTION);
    expect(config.gradCamLayer).toBe('conv2d_1');
    const network = await loadNetwork(handler, config);
    expect(tf.getBackend()).toBe('cpu');
    const input = testDigit();
    const { probabilities } = network.run(input);
    const top = probabilities.indexOf(Math.max(...probabilities));
    const explain = createExplainer(network.model, config);
    const live = explain(input, top);

    const net = createLogitNet(await deserializeModel(modelJson, weights));
    const one = { images: input, targets: Int32Array.of(top) };
    const cam = gradCam('conv2d_1')(net, one).maps;
    const grad = gradient(net, one).maps;
    expect(maxAbs(cam)).toBeGreaterThan(0);
    expect(maxAbs(grad)).toBeGreaterThan(0);
    expect(maxDiff(live.gradCam, cam)).toBeLessThanOrEqual(1e-6 * maxAbs(cam) + 1e-9);
    expect(maxDiff(live.gradient, grad)).toBeLessThanOrEqual(1e-6 * maxAbs(grad) + 1e-9);
    // The maps follow the class asked for: another class's gradient is a different map.
    const other = explain(input, (top + 1) % 10).gradient;
    expect(maxDiff(other, live.gradient)).toBeGreaterThan(1e-3 * maxAbs(grad));
  }, 60_000);
});
