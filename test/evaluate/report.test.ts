import { describe, expect, it } from 'vitest';
import type { EpochRecord, TrainingHistory } from '../../pipeline/artifacts/types';
import { METRIC_NAMES } from '../../pipeline/artifacts/types';
import { buildMetrics, quantiseProbabilities, type MetricInputs } from '../../pipeline/evaluate/report';

const epoch = (n: number, trainSeconds: number): EpochRecord => ({
  epoch: n, loss: 1 / n, accuracy: 0.8 + n / 100, valLoss: 0.5 / n, valAccuracy: 0.85 + n / 100, seconds: trainSeconds + 1, trainSeconds, imagesPerSecond: 0,
});

function inputs(history: Partial<TrainingHistory>, timings: Record<string, number> = { total: 99 }): MetricInputs {
  return {
    config: { preset: 'quick', seed: 1, epochs: 10, batchSize: 64, learningRate: 0.002, patience: 3, trainLimit: 500, testLimit: 100, dataDir: null, backend: 'cpu', workers: 1, samples: [], igMaxSteps: 512 },
    history: { epochs: [epoch(1, 10), epoch(2, 20), epoch(3, 30)], bestEpoch: 2, stoppedEarly: true, maxEpochs: 10, patience: 3, seconds: 75, ...history },
    evaluation: { testLoss: 0.2, testAccuracy: 0.93, confusion: [], perClass: [], misclassified: 7, count: 100 },
    summary: { layers: [], totalParams: 1234, trainableParams: 1234, nonTrainableParams: 0 },
    data: { source: 'x', trainCount: 600, testCount: 100, trainAvailable: 60000, testAvailable: 10000, height: 28, width: 28, files: [], known: 'mnist' },
    timings,
    threads: 2,
  };
}

describe('buildMetrics', () => {
  it('takes every headline number from the run, the training figures from the best epoch', () => {
    expect(buildMetrics(inputs({}))).toEqual({
      test_accuracy: 0.93, test_loss: 0.2, train_accuracy: 0.8 + 2 / 100, train_loss: 0.5, best_val_accuracy: 0.85 + 2 / 100,
      best_epoch: 2, epochs_run: 3, max_epochs: 10, patience: 3, batch_size: 64, learning_rate: 0.002,
      train_images: 600, test_images: 100, total_params: 1234, training_seconds: 75, total_seconds: 99,
      images_per_second: (3 * 600) / 60, misclassified: 7, threads: 2,
    });
  });

  it('names exactly the metrics the prose may cite', () => {
    expect(Object.keys(buildMetrics(inputs({}))).sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('falls back to the last epoch without a best one, and to 0 without timings', () => {
    const m = buildMetrics(inputs({ bestEpoch: 0, epochs: [epoch(1, 0), epoch(2, 0)] }, {}));
    expect([m.train_loss, m.images_per_second, m.total_seconds]).toEqual([0.5, 0, 0]);
  });
});

describe('quantiseProbabilities', () => {
  it('stores p · 255 rounded, clamped to 0–255', () => {
    expect(Array.from(quantiseProbabilities(Float32Array.of(0, 1, 0.5, 0.002, 0.998, -0.1, 1.2)))).toEqual([0, 255, 128, 1, 254, 0, 255]);
  });
});
