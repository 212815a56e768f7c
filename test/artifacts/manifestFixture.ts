// A small manifest that honours the schema, with the result files its metrics are derived from.
import type { ArtifactFile, DataInfo, Evaluation, Manifest, ModelSummary, PipelineConfig, TrainingHistory } from '../../pipeline/artifacts/types';
import { SCHEMA_VERSION } from '../../pipeline/artifacts/types';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import { buildMetrics, type MetricSources } from '../../pipeline/evaluate/report';
import { mnistClasses } from '../../shared/data/classes';

export const history: TrainingHistory = {
  epochs: [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.833, seconds: 3, trainSeconds: 2, imagesPerSecond: 50 }],
  bestEpoch: 1, stoppedEarly: false, maxEpochs: 1, patience: 2, seconds: 3,
};
export const evaluation: Evaluation = { testLoss: 0.4, testAccuracy: 0.833, confusion: [], perClass: [], misclassified: 1, count: 6 };
export const summary: ModelSummary = { layers: [], totalParams: 10, trainableParams: 10, nonTrainableParams: 0 };
export const data: DataInfo = { source: 'x', trainCount: 100, testCount: 6, trainAvailable: 100, testAvailable: 6, height: 28, width: 28, channels: 1, classes: mnistClasses(), format: 'idx', files: [], known: null };
export const sources: MetricSources = { history, evaluation, summary, data };
const config: PipelineConfig = { preset: 'quick', seed: 1, epochs: 1, batchSize: 10, learningRate: 0.001, patience: 2, trainLimit: 100, testLimit: 6, dataDir: null, backend: 'cpu', workers: 1, samples: [], igMaxSteps: 512 };

/** The source files as [path, kind, content], as the pipeline lists them. */
export const SOURCE_FILES = [['history.json', 'history', history], ['evaluation.json', 'evaluation', evaluation], ['summary.json', 'summary', summary], ['data.json', 'data-info', data]] as const;

export function validManifest(files: ArtifactFile[], keys = { training: 't', drawing: 'd' }): Manifest {
  return {
    schemaVersion: SCHEMA_VERSION, pipelineVersion: '0', createdAt: '2026-12-02T00:00:00.000Z', cacheKey: keys.drawing, trainingKey: keys.training,
    config, backend: { name: 'cpu', version: '4.22.0', threads: 1, description: 'cpu' }, versions: {}, timings: { total: 5 },
    metrics: buildMetrics({ config, ...sources, timings: { total: 5 }, threads: 1 }), data, model: TUTORIAL_DESCRIPTION, files,
  };
}
