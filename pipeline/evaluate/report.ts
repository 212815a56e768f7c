import type { DataInfo, Evaluation, MetricName, ModelSummary, PipelineConfig, TrainingHistory } from '../artifacts/types';

/** Probabilities as bytes (p·255 rounded), count × classes: 10,000 × 10 in 100 kB, plenty for top-3 captions. */
export function quantiseProbabilities(probs: Float32Array): Uint8Array {
  return Uint8Array.from(probs, (p) => Math.round(Math.min(Math.max(p, 0), 1) * 255));
}

/** The files the checkable metrics are derived from, as the pipeline writes them (all listed in the manifest). */
export interface MetricSources {
  /** null or absent for an imported model (--model): it was not trained here, so no training number is derived. */
  history?: TrainingHistory | null;
  evaluation: Evaluation;
  summary: ModelSummary;
  data: DataInfo;
}

export interface MetricInputs extends MetricSources {
  config: PipelineConfig;
  timings: Record<string, number>;
  threads: number;
}

/** The file each derived metric comes from, to name it when the manifest disagrees. */
const SOURCE_FILES = { history: 'history.json', evaluation: 'evaluation.json', summary: 'summary.json', data: 'data.json' } as const;

/**
 * The headline numbers that follow from the listed result files alone, each with the file it comes from.
 * The pipeline builds the manifest's metrics with it, and both the freshness check and the site's loader
 * check the manifest against it, so a number edited in manifest.json (which is not hashed) is caught.
 */
export function derivedMetrics({ history, evaluation, summary, data }: MetricSources): { name: MetricName; value: number; file: string }[] {
  const from = (file: keyof typeof SOURCE_FILES, values: Partial<Record<MetricName, number>>) =>
    Object.entries(values).map(([name, value]) => ({ name: name as MetricName, value: value as number, file: SOURCE_FILES[file] }));
  return [
    ...from('evaluation', { test_accuracy: evaluation.testAccuracy, test_loss: evaluation.testLoss, misclassified: evaluation.misclassified }),
    ...(history ? from('history', historyMetrics(history, data)) : []),
    ...from('summary', { total_params: summary.totalParams }),
    // Training images count only where this run trained on them.
    ...from('data', history ? { train_images: data.trainCount, test_images: data.testCount } : { test_images: data.testCount }),
  ];
}

/** The numbers training leaves in history.json. */
function historyMetrics(history: TrainingHistory, data: DataInfo): Partial<Record<MetricName, number>> {
  const best = history.epochs.find((e) => e.epoch === history.bestEpoch) ?? history.epochs[history.epochs.length - 1];
  const trainedImages = history.epochs.length * data.trainCount;
  const trainSeconds = history.epochs.reduce((s, e) => s + e.trainSeconds, 0);
  return {
    train_accuracy: best?.accuracy, train_loss: best?.loss, best_val_accuracy: best?.valAccuracy, best_epoch: history.bestEpoch, epochs_run: history.epochs.length,
    max_epochs: history.maxEpochs, patience: history.patience, training_seconds: history.seconds, images_per_second: trainSeconds > 0 ? trainedImages / trainSeconds : 0,
  };
}

export interface MetricMismatch {
  name: MetricName;
  file: string;
  recorded: number | undefined;
  derived: number;
}

/** The first metric in `metrics` that differs from what its file gives (missing counts as different), or null. */
export function firstMetricMismatch(metrics: Record<string, number>, sources: MetricSources): MetricMismatch | null {
  for (const { name, value, file } of derivedMetrics(sources)) {
    if (metrics[name] !== value) return { name, file, recorded: metrics[name], derived: value };
  }
  return null;
}

/** One line for a mismatch, e.g. `test_accuracy is 0.9999 in manifest.json, 0.833 in evaluation.json`. */
export function describeMismatch({ name, file, recorded, derived }: MetricMismatch): string {
  return `${name} is ${recorded === undefined ? 'missing' : recorded} in manifest.json, ${derived} in ${file}`;
}

/** The headline numbers the prose may cite, all taken from this run's results. */
export function buildMetrics({ config, timings, threads, ...sources }: MetricInputs): Record<MetricName, number> {
  const derived = Object.fromEntries(derivedMetrics(sources).map((m) => [m.name, m.value])) as Record<MetricName, number>;
  // The training settings are facts of this run only when it trained.
  const training = sources.history ? { batch_size: config.batchSize, learning_rate: config.learningRate } : {};
  return { ...derived, ...training, total_seconds: timings.total ?? 0, threads } as Record<MetricName, number>;
}
