// The flags as used: settled against the data once it is read (limits clamped to what the files hold,
// indices and batch size checked) and against the machine (workers capped). The config returned is the one
// the cache keys and the manifest record, so `--train-limit 99999999` and `--train-limit 60000` are one run.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { DataInfo, PipelineConfig } from '../artifacts/types';
import { ARTICLE_SAMPLE } from '../data/articleSample';
import { DataError } from '../data/dataError';
import { IdxError } from '../data/idx';
import { checkTestIndex } from '../visualize/selectSamples';
import { UsageError, WORKERS_PER_CORE } from './options';

const n = (x: number) => x.toLocaleString('en-US');

function clamp(flag: string, given: number, available: number, what: string, log: (line: string) => void): number {
  if (given <= available) return given;
  // No data at all is reported by the run itself; "using all 0" would only hide that.
  if (available > 0) log(`--${flag} ${given} is more than the ${n(available)} ${what} in the data: using all ${n(available)} ${what}`);
  return available;
}

export function settleConfig(config: PipelineConfig, data: DataInfo, log: (line: string) => void, cores = availableParallelism()): PipelineConfig {
  const trainLimit = clamp('train-limit', config.trainLimit, data.trainAvailable, 'training images', log);
  const testLimit = clamp('test-limit', config.testLimit, data.testAvailable, 'test images', log);
  if (trainLimit > 0 && config.batchSize > trainLimit) {
    throw new UsageError(`--batch-size ${config.batchSize} is larger than the training set (${n(trainLimit)} images used): give a --batch-size of at most ${n(trainLimit)}.`);
  }
  if (data.testAvailable <= ARTICLE_SAMPLE) {
    const needs = `the test set has only ${n(data.testAvailable)} images, but the article follows test image ${ARTICLE_SAMPLE}, so it needs at least ${ARTICLE_SAMPLE + 1}.`;
    if (data.format === 'folder') throw new DataError(path.join(data.source, 'test'), `${needs} Add pictures to the class folders of test/ (${ARTICLE_SAMPLE + 1} or more in all).`);
    const file = path.join(config.dataDir ?? data.source, data.files[2]?.name ?? 't10k-images-idx3-ubyte');
    throw new IdxError(file, `${needs} Point --data-dir at a folder whose test set holds ${ARTICLE_SAMPLE + 1} images or more.`);
  }
  checkTestIndex(ARTICLE_SAMPLE, testLimit, `--test-limit ${testLimit}: the article sample`, (m) => new UsageError(m));
  for (const s of config.samples) {
    const below = testLimit < data.testAvailable ? `${testLimit} (or below ${n(data.testAvailable)} with a larger --test-limit)` : `${testLimit}`;
    const fix = s < data.testAvailable ? `raise --test-limit to ${s + 1} or more to include it` : `the data's test set has ${n(data.testAvailable)} images: give an index below ${below}`;
    checkTestIndex(s, testLimit, '--samples', (m) => new UsageError(`${m}; ${fix}.`));
  }
  const most = WORKERS_PER_CORE * cores;
  let workers = config.workers;
  if (workers > most) {
    log(`--workers ${workers} is more than ${WORKERS_PER_CORE} per core (${cores} cores here): using ${most} workers; more would only take turns on the cores, each starting its own backend`);
    workers = most;
  }
  return { ...config, trainLimit, testLimit, workers };
}
