// The explorer's kernels: the tutorial's set runs any model built from the tutorial's layer classes and
// activations; anything else asks for the vocabulary's chunk (vocabulary.test.ts runs those models).
import '@tensorflow/tfjs-backend-cpu/dist/base';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { serializeModel } from '../../../pipeline/artifacts/saveModel';
import { describeModel } from '../../../pipeline/model/describeModel';
import { explorerModel } from '../../../site/lib/explore/explorerModel';
import { needsVocabularyKernels } from '../../../site/scripts/explore/cpuKernels';
import { loadNetwork } from '../../../site/scripts/explore/network';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

describe('needsVocabularyKernels', () => {
  it('is false for the tutorial network’s layers', () => {
    expect(needsVocabularyKernels([{ className: 'InputLayer' }, ...TUTORIAL_DESCRIPTION.layers.map((l) => ({ className: l.type, activation: l.activation }))])).toBe(false);
  });

  it.each([
    ['another layer class', [{ className: 'Conv2D', activation: 'relu' }, { className: 'BatchNormalization' }]],
    ['another activation', [{ className: 'Conv2D', activation: 'tanh' }, { className: 'Dense', activation: 'softmax' }]],
    ['a separate Softmax layer', [{ className: 'Dense', activation: 'linear' }, { className: 'Softmax' }]],
  ])('is true for %s', (_what, layers) => {
    expect(needsVocabularyKernels(layers)).toBe(true);
  });
});

describe('the tutorial’s kernels alone', () => {
  it('run a model of the tutorial’s layer classes with linear activations and logits, and load no other kernel', async () => {
    let seed = 3;
    const init = () => tfl.initializers.glorotUniform({ seed: seed++ });
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ filters: 3, kernelSize: 5, strides: 2, padding: 'same', inputShape: [20, 20, 1], kernelInitializer: init() }));
    m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tfl.layers.dropout({ rate: 0.5 }));
    m.add(tfl.layers.flatten({}));
    m.add(tfl.layers.dense({ units: 4, kernelInitializer: init() }));
    const config = explorerModel(describeModel(m, { kind: 'imported' }));
    expect(config.softmax).toBe('none');
    const { modelJson, weights } = await serializeModel(m);
    const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const network = await loadNetwork(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((w) => w.weights), weightData: weights.slice().buffer }), config);
    const { probabilities, layers } = network.run(Float32Array.from({ length: 400 }, (_, i) => (i % 7) / 7));
    // The trailing dropout is not drawn (the description's rule).
    expect(layers.map((l) => l.shape)).toEqual([[10, 10, 3], [5, 5, 3]]);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(tf.getKernel('AvgPool', 'cpu')).toBeUndefined();
  }, 60_000);
});
