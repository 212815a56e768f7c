// Container directives that keep or drop a passage by what the model is (issue #20): prose only true of
// the tutorial's network sits in `:::tutorial-network`, its counterpart for any other model in
// `:::other-network`; prose about training here (curves, early stopping, the timelapse) in `:::trained-here`,
// and what replaces it for a model read from a file in `:::imported`; prose about the embedding map in
// `:::with-embedding`, and its replacement for a model with no hidden Dense or global pooling layer in `:::without-embedding`.
// And by what the data is (issue #21): prose only true of MNIST's handwritten digits in `:::mnist-data`,
// its counterpart for any other data in `:::other-data`; Fashion-MNIST's own (its credit) in `:::fashion-mnist-data`; prose about an image folder's pictures in `:::image-folder`;
// prose about kernels drawn blue and red (one input channel) in `:::grey-data`, drawn as RGB (three) in `:::colour-data`.
// And by how the run went (issue #25): prose for a run that early stopping ended in `:::stopped-early`, for one
// that used every epoch it was allowed in `:::ran-to-limit`; prose for a preview build (the quick preset, or
// less data than the files hold) in `:::preview-run`, and for a build on all of it in `:::full-run`.
import type { DataInfo, PipelineConfig } from '../../../pipeline/artifacts/types';
import { isTutorialNetwork, type ModelDescription } from '../../../pipeline/model/description';

/** What a passage may depend on: the model and the data the manifest describes. */
export interface ShownWith {
  model: ModelDescription;
  data: DataInfo;
  /** The run's headline numbers (manifest.metrics): epochs_run and max_epochs for a model trained here. */
  metrics: Record<string, number>;
  config: Pick<PipelineConfig, 'preset'>;
}

/** Whether early stopping ended training before the epoch limit; null for a model not trained here. */
export function stoppedEarly({ model, metrics }: Pick<ShownWith, 'model' | 'metrics'>): boolean | null {
  if (model.source.kind === 'imported') return null;
  const { epochs_run: run, max_epochs: limit } = metrics;
  if (!Number.isFinite(run) || !Number.isFinite(limit)) return null;
  return run < limit;
}

/** A preview: the quick preset, or fewer images than the data holds (a model trained here also counts its training images). */
export function isPreview({ model, data, config }: Pick<ShownWith, 'model' | 'data' | 'config'>): boolean {
  const fewerTrain = model.source.kind !== 'imported' && data.trainCount < data.trainAvailable;
  return config.preset === 'quick' || fewerTrain || data.testCount < data.testAvailable;
}

export interface ConditionSpec {
  kind: 'container';
  /** Whether the passage is shown for this model and data. */
  shows(shown: ShownWith): boolean;
}

export const CONDITIONS: Record<string, ConditionSpec> = {
  // The tutorial's network at its own size only: built for other data, its sizes are not the tutorial's.
  'tutorial-network': { kind: 'container', shows: ({ model }) => isTutorialNetwork(model) },
  'other-network': { kind: 'container', shows: ({ model }) => !isTutorialNetwork(model) },
  // Of the networks trained here: the tutorial's layers built for other data, and an --architecture file.
  'tutorial-layers': { kind: 'container', shows: ({ model }) => model.source.kind === 'tutorial' && !isTutorialNetwork(model) },
  'from-architecture': { kind: 'container', shows: ({ model }) => model.source.kind === 'architecture' },
  'trained-here': { kind: 'container', shows: ({ model }) => model.source.kind !== 'imported' },
  imported: { kind: 'container', shows: ({ model }) => model.source.kind === 'imported' },
  'with-embedding': { kind: 'container', shows: ({ model }) => model.embedding !== null },
  'without-embedding': { kind: 'container', shows: ({ model }) => model.embedding === null },
  // MNIST only when the files are MNIST's own (checksums matched): other IDX data may be anything.
  'mnist-data': { kind: 'container', shows: ({ data }) => data.known === 'mnist' },
  'other-data': { kind: 'container', shows: ({ data }) => data.known !== 'mnist' },
  'fashion-mnist-data': { kind: 'container', shows: ({ data }) => data.known === 'fashion-mnist' },
  'image-folder': { kind: 'container', shows: ({ data }) => data.format === 'folder' },
  // Kernels over one input channel are drawn blue/red; over three, as RGB (pipeline/visualize/filters.ts).
  'grey-data': { kind: 'container', shows: ({ model }) => model.input.channels !== 3 },
  'colour-data': { kind: 'container', shows: ({ model }) => model.input.channels === 3 },
  'stopped-early': { kind: 'container', shows: (shown) => stoppedEarly(shown) === true },
  'ran-to-limit': { kind: 'container', shows: (shown) => stoppedEarly(shown) === false },
  'preview-run': { kind: 'container', shows: (shown) => isPreview(shown) },
  'full-run': { kind: 'container', shows: (shown) => !isPreview(shown) },
};
