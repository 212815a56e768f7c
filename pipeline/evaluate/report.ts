import type { DataInfo, Evaluation, MetricName, ModelSummary, PipelineConfig, TrainingHistory } from '../artifacts/types';

/** Probabilities as bytes (p·255 rounded): 10,000 × 10 in 100 kB, plenty for top-3 captions. */
export function quantiseProbabilities(probs: Float32Array): Uint8Array {
  return Uint8Array.from(probs, (p) => Math.round(Math.min(Math.max(p, 0), 1) * 255));
}

export interface MetricInputs {
  config: PipelineConfig;
  history: TrainingHistory;
  evaluation: Evaluation;
  summary: ModelSummary;
  data: DataInfo;
  timings: Record<string, number>;
  threads: number;
}

/** The headline numbers the prose may cite, all taken from this run's results. */
export function buildMetrics({ config, history, evaluation, summary, data, timings, threads }: MetricInputs): Record<MetricName, number> {
  const best = history.epochs.find((e) => e.epoch === history.bestEpoch) ?? history.epochs[history.epochs.length - 1];
  const trainedImages = history.epochs.length * data.trainCount;
  const trainSeconds = history.epochs.reduce((s, e) => s + e.trainSeconds, 0);
  return {
    test_accuracy: evaluation.testAccuracy,
    test_loss: evaluation.testLoss,
    train_accuracy: best.accuracy,
    train_loss: best.loss,
    best_val_accuracy: best.valAccuracy,
    best_epoch: history.bestEpoch,
    epochs_run: history.epochs.length,
    max_epochs: config.epochs,
    patience: config.patience,
    batch_size: config.batchSize,
    learning_rate: config.learningRate,
    train_images: data.trainCount,
    test_images: data.testCount,
    total_params: summary.totalParams,
    training_seconds: history.seconds,
    total_seconds: timings.total ?? 0,
    images_per_second: trainSeconds > 0 ? trainedImages / trainSeconds : 0,
    misclassified: evaluation.misclassified,
    threads,
  };
}
