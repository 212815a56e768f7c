import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ArtifactsNotReadyError, checkArtifacts, type Freshness } from './artifacts/cache';
import { assertManifestWritable } from './artifacts/manifestSchema';
import { cacheKeys, dataKeyOf, DRAWING, pipelineSourceHash, pipelineSources, TRAINING } from './artifacts/cacheKeys';
import { createStaging } from './artifacts/staging';
import { SCHEMA_VERSION, type Manifest, type PipelineConfig } from './artifacts/types';
import { backendVersion, installedVersions } from './artifacts/versions';
import { selectBackend } from './backend/selectBackend';
import { loadData as defaultLoadData, type LoadData } from './data/loadData';
import { buildMetrics } from './evaluate/report';
import { ARTICLE_SAMPLE, drawingSeconds, runDrawing, type DrawingOptions } from './stages/drawing';
import { reuseTraining } from './stages/reuseTraining';
import { runTraining } from './stages/training';
import { checkModelFitsData, chooseModel, type ModelImporters } from './model/chooseModel';
import { describeSource, warnIfNearChance } from './model/modelNotes';
import { classCountOf } from '../shared/data/classes';
import { evaluateAndSave } from './stages/evaluation';
import { loadArchitectureFile, loadModelFile } from './model/import/loadModelFile';
import { seedMathRandom } from './train/random';
import type { TrainProgress } from './train/trainModel';
import { settleConfig } from './cli/settleConfig';

export { ARTICLE_SAMPLE };

export interface RunOptions {
  config: PipelineConfig;
  outDir: string;
  force?: boolean;
  /** false: never train; missing or stale training artifacts are an error naming the command to run. */
  train?: boolean;
  log: (line: string) => void;
  progress: TrainProgress;
  /** The visualization stage; replaceable so tests can run without it or make it fail. */
  visualize?: DrawingOptions['visualize'];
  /** The explain stage (drawing side: it reads the trained model and never trains); replaceable for tests. */
  explain?: DrawingOptions['explain'];
  /** The distributions and embedding stages (issue #13, drawing side); replaceable for tests. */
  distributions?: DrawingOptions['distributions'];
  embedding?: DrawingOptions['embedding'];
  /** The channel dictionary stage (drawing side, like explain); replaceable for tests. */
  channels?: DrawingOptions['channels'];
  /**
   * A stop request (SIGINT/SIGTERM, from the CLI): checked between stages, batches and before the commit.
   * Aborting throws its reason after removing the staging folder and releasing the lock.
   */
  signal?: AbortSignal;
  /** Readers of --model and --architecture files (pipeline/model/import); replaceable for tests. */
  importers?: ModelImporters;
  /** Reads the data (pipeline/data/loadData.ts); replaceable so tests can hand in any small data set. */
  loadData?: LoadData;
}

export interface RunResult {
  /** fresh: reused as they were; redrawn: trained model reused, drawings made again; built: trained. */
  status: 'fresh' | 'redrawn' | 'built';
  manifest: Manifest;
  reason?: string;
}

const pipelineRoot = path.dirname(fileURLToPath(import.meta.url));

async function pipelineVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(pipelineRoot, '..', 'package.json'), 'utf8')) as { version: string };
  return `${pkg.version}+${await pipelineSourceHash(pipelineRoot)}`;
}

/**
 * The whole build-time pipeline: verify data → start the backend → (fresh? stop) → train and evaluate,
 * or reuse the trained model when only drawing inputs changed → draw → write everything to a staging
 * folder → manifest last → rename into place.
 */
export async function runPipeline({ config, outDir, force = false, train = true, log, progress, visualize, explain, distributions, embedding, channels, signal, importers = { loadModelFile, loadArchitectureFile }, loadData = defaultLoadData }: RunOptions): Promise<RunResult> {
  const clock = () => performance.now() / 1000;
  const t0 = clock();
  // The model and the data depend on each other: the tutorial's network is built for the data, while a
  // model from a file (--model, --architecture) is read first, so an image folder is fitted to its input
  // and a missing or unreadable file is reported before the data is decoded. Either way the model is
  // read (or built) and checked against the data before the cache: its file's hash is a key.
  const fromFile = Boolean(config.model ?? config.architecture);
  // The backend that runs is part of the training key, so it is started before the cache is checked.
  let backend = fromFile ? await selectBackend(config.backend, log) : null;
  let chosen = fromFile ? await chooseModel(config, importers, null) : null;
  let data: Awaited<ReturnType<LoadData>>;
  let dataSeconds: number;
  try {
    data = await loadData({ config, log, ...(chosen ? { input: chosen.description.input } : {}) });
    dataSeconds = clock() - t0;
    signal?.throwIfAborted();
    // Checked now rather than by the visualize stage, so a bad index does not cost a training run.
    config = settleConfig(config, data.info, log);
  } catch (e) {
    chosen?.model.dispose();
    throw e;
  }
  backend ??= await selectBackend(config.backend, log);
  signal?.throwIfAborted();
  const classes = classCountOf(data.info.classes);
  chosen ??= await chooseModel(config, importers, { height: data.info.height, width: data.info.width, channels: data.info.channels, classes });
  const { description } = chosen;
  for (const note of chosen.notes) log(`model: ${note}`);
  try {
    const note = checkModelFitsData(description, data.info, config.model ?? config.architecture);
    if (note) log(`model: ${note}`);
  } catch (e) {
    chosen.model.dispose();
    throw e;
  }
  if (description.source.kind !== 'tutorial') log(`model: ${describeSource(description)}`);
  const packages = installedVersions([...TRAINING.packages, ...DRAWING.packages]);
  const keys = cacheKeys({
    config, data: data.info.files, dataset: dataKeyOf(data.info), backend, versions: packages, sources: await pipelineSources(pipelineRoot),
    model: { kind: description.source.kind, sha256: description.source.sha256 ?? null, scale: description.input.scale },
  });
  const state: Freshness = force ? { state: 'stale', reason: '--force given' } : await checkArtifacts(outDir, keys, { config, data: data.info.files, dataset: dataKeyOf(data.info), backend, versions: packages });
  if (state.state === 'fresh') {
    chosen.model.dispose();
    log(`artifacts: fresh (${path.resolve(outDir)}); use --force to ${chosen.trainHere ? 'retrain' : 'evaluate and draw again'}`);
    return { status: 'fresh', manifest: state.manifest };
  }
  if (state.state === 'redraw') chosen.model.dispose();
  // --no-train never trains; an imported model is never trained, so it needs no permission.
  if (state.state === 'stale' && !train && chosen.trainHere) {
    chosen.model.dispose();
    throw new ArtifactsNotReadyError(`the artifacts in ${path.resolve(outDir)} are not usable: ${state.reason}. Run \`npm run pipeline\` with the same flags (or build without --no-train).`);
  }
  log(state.state === 'redraw' ? `artifacts: redrawing (${state.reason}); the trained model is reused` : `artifacts: stale (${state.reason}); building`);

  const restoreRandom = seedMathRandom(config.seed);
  const staging = await createStaging(outDir);
  try {
    const common = { schemaVersion: SCHEMA_VERSION, pipelineVersion: await pipelineVersion(), cacheKey: keys.drawing, trainingKey: keys.training, config, data: data.info };
    let manifest: Manifest;
    if (state.state === 'redraw') {
      // The saved model is the one drawn from: for an imported model it is the file's model as evaluated.
      const reused = await reuseTraining(outDir, state.manifest, staging, data.test);
      const drawn = await runDrawing({ model: reused.model, description: state.manifest.model, test: data.test, predictions: reused.predictions, config, outDir: staging.dir, log, visualize, explain, distributions, embedding, channels, signal });
      reused.model.dispose();
      const old = state.manifest;
      // Training figures are those of the run that trained; the drawing and the total are this run's.
      const total = (old.timings.total ?? 0) - drawingSeconds(old.timings) + drawn.seconds;
      const timings = { ...old.timings, ...drawn.timings, total };
      manifest = { ...common, createdAt: new Date().toISOString(), backend: old.backend, versions: old.versions, timings, metrics: { ...old.metrics, ...drawn.metrics, total_seconds: total }, model: old.model, files: [...reused.files, ...drawn.files] };
    } else if (!chosen.trainHere) {
      const evaluated = await evaluateAndSave({ model: chosen.model, description, test: data.test, data: data.info, staging, log });
      const drawn = await runDrawing({ model: chosen.model, description, test: data.test, predictions: evaluated.predictions, config, outDir: staging.dir, log, visualize, explain, distributions, embedding, channels, signal });
      chosen.model.dispose();
      const timings = { data: dataSeconds, evaluate: evaluated.seconds, ...drawn.timings, total: clock() - t0 };
      const { evaluation, summary } = evaluated;
      warnIfNearChance(evaluation.testAccuracy, description, log);
      manifest = {
        ...common,
        createdAt: new Date().toISOString(),
        backend,
        versions: { node: process.version, ...packages, backend: backendVersion(backend), ...(backend.onednn ? { onednn: backend.onednn.version } : {}) },
        timings,
        metrics: { ...buildMetrics({ config, history: null, evaluation, summary, data: data.info, timings, threads: backend.threads }), ...drawn.metrics },
        model: description,
        files: [...evaluated.files, ...drawn.files],
      };
    } else {
      const trained = await runTraining({ model: chosen.model, description, config, data, backend, staging, log, progress, signal });
      const drawn = await runDrawing({ model: trained.model, description, test: data.test, predictions: trained.predictions, config, outDir: staging.dir, log, visualize, explain, distributions, embedding, channels, signal });
      trained.model.dispose();
      const timings = { data: dataSeconds, ...trained.timings, ...drawn.timings, total: clock() - t0 };
      const { history, evaluation, summary, info } = trained;
      manifest = {
        ...common,
        createdAt: new Date().toISOString(),
        backend: info,
        versions: { node: process.version, ...packages, backend: backendVersion(backend), ...(backend.onednn ? { onednn: backend.onednn.version } : {}) },
        timings,
        metrics: { ...buildMetrics({ config, history, evaluation, summary, data: data.info, timings, threads: info.threads }), ...drawn.metrics },
        model: description,
        files: [...trained.files, ...drawn.files],
      };
    }
    assertManifestWritable(manifest, path.resolve(outDir));
    await staging.write('manifest.json', JSON.stringify(manifest, null, 1));
    signal?.throwIfAborted();
    await staging.commit();
    log(`artifacts: wrote ${manifest.files.length} files and manifest.json to ${path.resolve(outDir)} in ${(clock() - t0).toFixed(1)} s`);
    return { status: state.state === 'redraw' ? 'redrawn' : 'built', manifest };
  } catch (e) {
    await staging.abort();
    throw e;
  } finally {
    restoreRandom();
  }
}
