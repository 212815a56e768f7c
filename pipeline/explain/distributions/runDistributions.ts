// The distributions stage: weight histograms (kept vs initial), activation histograms over the test
// set and each channel's dead share. It reads the trained model and rebuilds the initial one from the seed.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ArtifactFile } from '../../artifacts/types';
import { artifactWriter } from '../../visualize/writeArtifact';
import { activationDistributions } from './activations';
import { ACTIVATION_BINS, ACTIVATION_LAYERS, CONV_LAYERS, DISTRIBUTIONS_PATH, MOSTLY_DEAD, WEIGHT_BINS, type DistributionsIndex } from './distributionsIndex';
import { initialKernels, kernelsOf } from './initialWeights';
import { weightDistributions } from './weights';

export interface DistributionsContext {
  model: tfl.LayersModel;
  test: { images: Float32Array; count: number };
  seed: number;
  outDir: string;
  log: (line: string) => void;
}

export interface StageResult {
  files: ArtifactFile[];
  metrics: Record<string, number>;
}

export async function runDistributions({ model, test, seed, outDir, log }: DistributionsContext): Promise<StageResult> {
  const t0 = performance.now();
  const weights = weightDistributions(kernelsOf(model), initialKernels(seed), WEIGHT_BINS);
  const activations = activationDistributions(model, test, ACTIVATION_LAYERS, ACTIVATION_BINS);
  const conv = activations.filter((a) => (CONV_LAYERS as readonly string[]).includes(a.layer));
  const shares = conv.flatMap((a) => a.deadShare);
  const index: DistributionsIndex = { format: 'cnn-hidden-truth/distributions@1', images: test.count, seed, weights, activations, mostlyDead: MOSTLY_DEAD };
  const file = await artifactWriter(outDir)(DISTRIBUTIONS_PATH, JSON.stringify(index), 'distributions', { layers: weights.length, images: test.count });
  const zeroShare = (layer: string) => {
    const a = activations.find((x) => x.layer === layer) as (typeof activations)[number];
    return a.zeros / a.total;
  };
  const seconds = (performance.now() - t0) / 1000;
  const metrics = {
    conv_channels: shares.length,
    never_active_channels: shares.filter((s) => s === 1).length,
    mostly_dead_channels: shares.filter((s) => s >= MOSTLY_DEAD).length,
    mostly_dead_threshold: MOSTLY_DEAD,
    embedding_dead_units: (activations.find((a) => a.layer === 'dense')?.deadShare ?? []).filter((s) => s === 1).length,
    first_conv_zero_share: zeroShare('conv2d'),
    last_conv_zero_share: zeroShare('conv2d_2'),
    distributions_seconds: seconds,
  };
  log(`distributions: ${weights.length} weight histograms, activations of ${ACTIVATION_LAYERS.length} layers over ${test.count} test images; ${metrics.never_active_channels} of ${shares.length} conv channels never active, ${seconds.toFixed(1)} s`);
  return { files: [file], metrics };
}
