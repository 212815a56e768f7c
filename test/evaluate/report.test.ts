import { describe, expect, it } from 'vitest';
import type { EpochRecord, TrainingHistory } from '../../pipeline/artifacts/types';
import { METRIC_NAMES } from '../../pipeline/artifacts/types';
import { sources as fixtureSources, validManifest } from '../artifacts/manifestFixture';
import { buildMetrics, derivedMetrics, describeMismatch, firstMetricMismatch, quantiseProbabilities, type MetricInputs, type MetricSources } from '../../pipeline/evaluate/report';
import { mnistClasses } from '../../shared/data/classes';

const epoch = (n: number, trainSeconds: number): EpochRecord => ({
  epoch: n, loss: 1 / n, accuracy: 0.8 + n / 100, valLoss: 0.5 / n, valAccuracy: 0.85 + n / 100, seconds: trainSeconds + 1, trainSeconds, imagesPerSecond: 0,
});

function inputs(history: Partial<TrainingHistory>, timings: Record<string, number> = { total: 99 }): MetricInputs {
  return {
    config: { preset: 'quick', seed: 1, epochs: 10, batchSize: 64, learningRate: 0.002, patience: 3, trainLimit: 500, testLimit: 100, dataDir: null, backend: 'cpu', workers: 1, samples: [], igMaxSteps: 512 },
    history: { epochs: [epoch(1, 10), epoch(2, 20), epoch(3, 30)], bestEpoch: 2, stoppedEarly: true, maxEpochs: 10, patience: 3, seconds: 75, ...history },
    evaluation: { testLoss: 0.2, testAccuracy: 0.93, confusion: [], perClass: [], misclassified: 7, count: 100 },
    summary: { layers: [], totalParams: 1234, trainableParams: 1234, nonTrainableParams: 0 },
    data: { source: 'x', trainCount: 600, testCount: 100, trainAvailable: 60000, testAvailable: 10000, height: 28, width: 28, channels: 1, classes: mnistClasses(), format: 'idx', files: [], known: 'mnist' },
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

  it('derives no training number for an imported model, which was not trained here', () => {
    const metrics = buildMetrics({ ...inputs({}), history: null });
    expect(metrics).toEqual({ test_accuracy: 0.93, test_loss: 0.2, misclassified: 7, total_params: 1234, test_images: 100, total_seconds: 99, threads: 2 });
    expect(firstMetricMismatch(metrics, { ...fixtureSources, ...inputs({}), history: null })).toBeNull();
  });

  it('names exactly the metrics the prose may cite', () => {
    expect(Object.keys(buildMetrics(inputs({}))).sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('falls back to the last epoch without a best one, and to 0 without timings', () => {
    const m = buildMetrics(inputs({ bestEpoch: 0, epochs: [epoch(1, 0), epoch(2, 0)] }, {}));
    expect([m.train_loss, m.images_per_second, m.total_seconds]).toEqual([0.5, 0, 0]);
  });
});

/** The result files alone, as the freshness check and the site's loader read them. */
function sources(history: Partial<TrainingHistory> = {}): MetricSources {
  const { config: _c, timings: _t, threads: _n, ...files } = inputs(history);
  return files;
}

describe('derivedMetrics', () => {
  it('derives each checkable number from its file, naming that file', () => {
    expect(derivedMetrics(sources())).toEqual([
      { name: 'test_accuracy', value: 0.93, file: 'evaluation.json' },
      { name: 'test_loss', value: 0.2, file: 'evaluation.json' },
      { name: 'misclassified', value: 7, file: 'evaluation.json' },
      { name: 'train_accuracy', value: 0.8 + 2 / 100, file: 'history.json' },
      { name: 'train_loss', value: 0.5, file: 'history.json' },
      { name: 'best_val_accuracy', value: 0.85 + 2 / 100, file: 'history.json' },
      { name: 'best_epoch', value: 2, file: 'history.json' },
      { name: 'epochs_run', value: 3, file: 'history.json' },
      { name: 'max_epochs', value: 10, file: 'history.json' },
      { name: 'patience', value: 3, file: 'history.json' },
      { name: 'training_seconds', value: 75, file: 'history.json' },
      { name: 'images_per_second', value: (3 * 600) / 60, file: 'history.json' },
      { name: 'total_params', value: 1234, file: 'summary.json' },
      { name: 'train_images', value: 600, file: 'data.json' },
      { name: 'test_images', value: 100, file: 'data.json' },
    ]);
  });

  it('leaves out the numbers no result file records (config, timings, threads)', () => {
    const names = derivedMetrics(sources()).map((m) => m.name);
    for (const name of ['batch_size', 'learning_rate', 'total_seconds', 'threads']) expect(names).not.toContain(name);
  });

  it('takes the training figures from the last epoch when the best epoch is not in the history', () => {
    const m = Object.fromEntries(derivedMetrics(sources({ bestEpoch: 9 })).map((d) => [d.name, d.value]));
    expect([m.train_loss, m.train_accuracy, m.best_val_accuracy, m.best_epoch]).toEqual([1 / 3, 0.8 + 3 / 100, 0.85 + 3 / 100, 9]);
  });
});

describe('firstMetricMismatch', () => {
  it("finds none in the pipeline's own metrics, before and after a JSON round trip", () => {
    const metrics = buildMetrics(inputs({}));
    expect(firstMetricMismatch(metrics, sources())).toBeNull();
    expect(firstMetricMismatch(JSON.parse(JSON.stringify(metrics)), JSON.parse(JSON.stringify(sources())))).toBeNull();
  });

  it('ignores the metrics no file can check', () => {
    expect(firstMetricMismatch({ ...buildMetrics(inputs({})), threads: 64, total_seconds: 1, learning_rate: 9 }, sources())).toBeNull();
  });

  it('finds an edited metric, with its file and both values', () => {
    expect(firstMetricMismatch({ ...buildMetrics(inputs({})), total_params: 1 }, sources()))
      .toEqual({ name: 'total_params', file: 'summary.json', recorded: 1, derived: 1234 });
  });

  it('finds the first of several in derivation order', () => {
    expect(firstMetricMismatch({ ...buildMetrics(inputs({})), test_images: 5, test_loss: 0.3 }, sources())?.name).toBe('test_loss');
  });

  it('counts a missing metric as a mismatch', () => {
    const { epochs_run: _gone, ...metrics } = buildMetrics(inputs({}));
    expect(firstMetricMismatch(metrics, sources())).toEqual({ name: 'epochs_run', file: 'history.json', recorded: undefined, derived: 3 });
  });

  it('allows no tolerance: a value rounded to four places, or off by 1e-12, is a mismatch', () => {
    const odd = sources({ epochs: [epoch(1, 7)], bestEpoch: 1 }); // 600 images in 7 s: 85.714285…
    const metrics = Object.fromEntries(derivedMetrics(odd).map((m) => [m.name, m.value]));
    expect(firstMetricMismatch(metrics, odd)).toBeNull();
    expect(firstMetricMismatch({ ...metrics, images_per_second: 85.7143 }, odd))
      .toEqual({ name: 'images_per_second', file: 'history.json', recorded: 85.7143, derived: 600 / 7 });
    expect(firstMetricMismatch({ ...metrics, test_accuracy: 0.93 + 1e-12 }, odd)?.name).toBe('test_accuracy');
  });

  it("finds none in the shared fixture manifest's metrics against its files", () => {
    expect(firstMetricMismatch(validManifest([]).metrics, fixtureSources)).toBeNull();
  });
});

describe('describeMismatch', () => {
  it('gives both values and the file the derived one comes from', () => {
    expect(describeMismatch({ name: 'test_accuracy', file: 'evaluation.json', recorded: 0.9999, derived: 0.833 }))
      .toBe('test_accuracy is 0.9999 in manifest.json, 0.833 in evaluation.json');
  });

  it('says "missing" for a metric the manifest lacks', () => {
    expect(describeMismatch({ name: 'epochs_run', file: 'history.json', recorded: undefined, derived: 3 }))
      .toBe('epochs_run is missing in manifest.json, 3 in history.json');
  });

  it('prints a recorded 0 as 0, not as missing', () => {
    expect(describeMismatch({ name: 'misclassified', file: 'evaluation.json', recorded: 0, derived: 7 }))
      .toBe('misclassified is 0 in manifest.json, 7 in evaluation.json');
  });
});

describe('quantiseProbabilities', () => {
  it('stores p · 255 rounded, clamped to 0–255', () => {
    expect(Array.from(quantiseProbabilities(Float32Array.of(0, 1, 0.5, 0.002, 0.998, -0.1, 1.2)))).toEqual([0, 255, 128, 1, 254, 0, 255]);
  });
});
