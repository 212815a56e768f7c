import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArtifactsNotReadyError, cacheKey, checkArtifacts, pipelineSourceHash } from './artifacts/cache';
import { describeFile } from './artifacts/describeFile';
import { serializeModel } from './artifacts/saveModel';
import { createStaging } from './artifacts/staging';
import { SCHEMA_VERSION, type ArtifactFile, type ArtifactKind, type Manifest, type PipelineConfig } from './artifacts/types';
import { selectBackend } from './backend/selectBackend';
import { loadMnist } from './data/loadMnist';
import { argmaxRows, evaluatePredictions } from './evaluate/metrics';
import { predictProbabilities } from './evaluate/predict';
import { buildMetrics, quantiseProbabilities } from './evaluate/report';
import { createModel } from './model/createModel';
import { summarizeModel } from './model/summary';
import { createStepperFor } from './train/createStepperFor';
import { seedMathRandom } from './train/random';
import { trainModel, type TrainProgress } from './train/trainModel';
import { runVisualize } from './visualize/runVisualize';
import { checkTestIndex } from './visualize/selectSamples';
import { runExplain } from './explain/runExplain';
import { FULL_LIMITS, QUICK_LIMITS } from './explain/settings';

export const ARTICLE_SAMPLE = 51; // the tutorial's test digit, a 3

export interface RunOptions {
  config: PipelineConfig;
  outDir: string;
  force?: boolean;
  /** false: never train; missing or stale artifacts are an error naming the command to run. */
  train?: boolean;
  log: (line: string) => void;
  progress: TrainProgress;
  /** The visualization stage; replaceable so tests can run without it or make it fail. */
  visualize?: typeof runVisualize;
  /** The explain stage (drawing side: it reads the trained model and never trains); replaceable for tests. */
  explain?: typeof runExplain;
}

export interface RunResult {
  status: 'fresh' | 'built';
  manifest: Manifest;
  reason?: string;
}

const pipelineRoot = path.dirname(fileURLToPath(import.meta.url));

async function pipelineVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(pipelineRoot, '..', 'package.json'), 'utf8')) as { version: string };
  return `${pkg.version}+${await pipelineSourceHash(pipelineRoot)}`;
}

async function packageVersions(backendPackage: string): Promise<Record<string, string>> {
  const versions: Record<string, string> = { node: process.version, 'tfjs-core': tf.version_core };
  const layers = await import('@tensorflow/tfjs-layers');
  versions['tfjs-layers'] = layers.version_layers;
  versions.backend = backendPackage;
  return versions;
}

/**
 * The whole build-time pipeline: verify data → (fresh? stop) → train → evaluate → visualize →
 * write everything to a staging folder → manifest last → rename into place.
 */
export async function runPipeline({ config, outDir, force = false, train = true, log, progress, visualize = runVisualize, explain = runExplain }: RunOptions): Promise<RunResult> {
  const timings: Record<string, number> = {};
  const clock = () => performance.now() / 1000;
  const t0 = clock();
  const data = await loadMnist({ dataDir: config.dataDir, trainLimit: config.trainLimit, testLimit: config.testLimit, log });
  timings.data = clock() - t0;
  // Checked now rather than by the visualize stage, so a bad index does not cost a training run.
  checkTestIndex(ARTICLE_SAMPLE, data.test.count, 'article sample (--test-limit too small?)');
  for (const s of config.samples) checkTestIndex(s, data.test.count, '--samples');
  const version = await pipelineVersion();
  const key = cacheKey(config, data.info.files, version);
  if (!force) {
    const state = await checkArtifacts(outDir, key);
    if (state.fresh) {
      log(`artifacts: fresh (${path.resolve(outDir)}); use --force to retrain`);
      return { status: 'fresh', manifest: state.manifest };
    }
    if (!train) {
      throw new ArtifactsNotReadyError(`the artifacts in ${path.resolve(outDir)} are not usable: ${state.reason}. Run \`npm run pipeline\` with the same flags (or build without --no-train).`);
    }
    log(`artifacts: stale (${state.reason}); building`);
  } else {
    log('artifacts: --force given; building');
  }

  const backend = await selectBackend(config.backend, log);
  const restoreRandom = seedMathRandom(config.seed);
  const staging = await createStaging(outDir);
  try {
    const model = createModel({ seed: config.seed });
    const summary = summarizeModel(model);
    const { stepper, info } = await createStepperFor(model, backend, config, log);
    if (info !== backend) log(`training: ${info.description}`);
    log(`training on ${data.train.count} images, validating on ${data.test.count}, batch ${config.batchSize}, at most ${config.epochs} epochs`);
    let history;
    const tTrain = clock();
    try {
      history = await trainModel({
        model,
        stepper,
        train: data.train,
        validation: data.test,
        maxEpochs: config.epochs,
        batchSize: config.batchSize,
        patience: config.patience,
        seed: config.seed,
        progress,
      });
    } finally {
      await stepper.dispose();
    }
    timings.train = clock() - tTrain;
    log(`best epoch ${history.bestEpoch} of ${history.epochs.length} (weights of that epoch kept)`);

    const tEval = clock();
    const probs = await predictProbabilities(model, data.test.images, data.test.count);
    const evaluation = evaluatePredictions(probs, data.test.labels, data.test.count);
    timings.evaluate = clock() - tEval;
    log(`test accuracy ${evaluation.testAccuracy.toFixed(4)}, test loss ${evaluation.testLoss.toFixed(4)}, ${evaluation.misclassified} misclassified`);

    const files: ArtifactFile[] = [];
    const put = async (rel: string, content: string | Uint8Array, kind: ArtifactKind, meta?: Record<string, unknown>) => {
      await staging.write(rel, content);
      files.push(await describeFile(staging.dir, rel, kind, meta));
    };
    const json = (x: unknown) => JSON.stringify(x, null, 1);
    await put('history.json', json(history), 'history');
    await put('summary.json', json(summary), 'summary');
    await put('evaluation.json', json(evaluation), 'evaluation');
    await put('data.json', json(data.info), 'data-info');
    const predicted = argmaxRows(probs, data.test.count);
    await put('probabilities.u8', quantiseProbabilities(probs), 'probabilities', { shape: [data.test.count, 10], encoding: 'uint8, p·255 rounded' });
    await put('predictions.json', json({ count: data.test.count, labels: Array.from(data.test.labels), predicted: Array.from(predicted), probabilitiesPath: 'probabilities.u8' }), 'predictions');
    const saved = await serializeModel(model);
    await put('model/model.json', saved.modelJson, 'model');
    await put('model/weights.bin', saved.weights, 'model-weights');

    const tVis = clock();
    const drawing = {
      model,
      test: data.test,
      predictions: { predicted, probabilities: probs },
      extraSamples: config.samples,
      articleSample: ARTICLE_SAMPLE,
      seed: config.seed,
      outDir: staging.dir,
      log,
    };
    files.push(...(await visualize(drawing)));
    timings.visualize = clock() - tVis;
    const tExplain = clock();
    const explained = await explain({ ...drawing, limits: config.preset === 'quick' ? QUICK_LIMITS : FULL_LIMITS });
    files.push(...explained.files);
    timings.explain = clock() - tExplain;
    timings.total = clock() - t0;
    model.dispose();

    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      pipelineVersion: version,
      createdAt: new Date().toISOString(),
      cacheKey: key,
      config,
      backend: info,
      versions: await packageVersions(`${info.name} ${info.version}`),
      timings,
      metrics: { ...buildMetrics({ config, history, evaluation, summary, data: data.info, timings, threads: info.threads }), ...explained.metrics },
      data: data.info,
      files,
    };
    await staging.write('manifest.json', json(manifest));
    await staging.commit();
    log(`artifacts: wrote ${files.length} files and manifest.json to ${path.resolve(outDir)} in ${timings.total.toFixed(1)} s`);
    return { status: 'built', manifest };
  } catch (e) {
    await staging.abort();
    throw e;
  } finally {
    restoreRandom();
  }
}
