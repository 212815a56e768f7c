// Checks that the four files are what their names say: a known data set's files in their own roles,
// and a test set kept apart from the training set (else the test accuracy measures memory).
import { DATASET_NAMES, IDX_FILES, ROLE_NAMES, type IdxRole, type KnownDataset, type KnownFile, type KnownTable } from './checksums';
import { IdxError, type IdxImages } from './idx';

export interface ReadIdxFile {
  name: string; // as found on disk
  /** SHA-256 of the file on disk and of its uncompressed IDX bytes (the same for a plain file). */
  sha256: string;
  contentSha256: string;
}

/** The known file this is, by its bytes as on disk or uncompressed; null when it is none of them. */
export function recognise(table: KnownTable, file: ReadIdxFile): KnownFile | null {
  return table[file.sha256] ?? table[file.contentSha256] ?? null;
}

/** The data set the four files are, each in its own role; null when any file is unknown or in another role. */
export function knownDataset(found: Record<IdxRole, KnownFile | null>): KnownDataset | null {
  const sets = new Set(Object.entries(found).map(([role, k]) => (k && k.role === role ? k.dataset : null)));
  const [only] = sets;
  return sets.size === 1 ? only : null;
}

const split = (role: IdxRole) => (role.startsWith('train') ? 'train' : 'test');

/**
 * Refuses known files in the other split's place (a train/test swap, or a test file used for training) and
 * a test images file with the same content as the training images file. `dir` names the folder in messages.
 */
export function checkSplitsApart(dir: string, files: Record<IdxRole, ReadIdxFile>, found: Record<IdxRole, KnownFile | null>): void {
  const misplaced = (Object.keys(files) as IdxRole[]).filter((role) => found[role] && split(found[role]!.role) !== split(role));
  if (misplaced.length > 0) {
    const what = misplaced.map((role) => {
      const k = found[role]!;
      return `${files[role].name} is ${DATASET_NAMES[k.dataset]}'s ${ROLE_NAMES[k.role]} (published as ${IDX_FILES[k.role]})`;
    });
    throw new IdxError(dir, `${what.join('; ')}: the training and test files are swapped or mixed up, so the model would train on test data and be scored on data it has seen. Rename the files so that train-* hold the training set and t10k-* the test set.`);
  }
  const [train, test] = [files.trainImages, files.testImages];
  if (train.contentSha256 === test.contentSha256) {
    throw new IdxError(dir, `${train.name} and ${test.name} hold the same images (SHA-256 ${train.contentSha256.slice(0, 12)}…): the test set is the training set, so the test accuracy would measure memory, not generalisation. Point --data-dir at a folder whose t10k-* files hold images kept out of training.`);
  }
}

/**
 * How many test images are also training images, from an evenly spaced sample of at most SAMPLE test images
 * checked against every training image used. The training side cannot be sampled (a shared image would be
 * missed whenever its training copy is left out); the test side can: 1,000 images find a share of 0.5 % with
 * 99 % probability (1 − 0.995¹⁰⁰⁰), and a test set made of training images for certain, while the whole check
 * stays one pass over the training images. Hashes are FNV-1a over the 784 bytes, confirmed byte by byte.
 */
export const SAMPLE = 1000;

export function sharedImages(train: IdxImages, trainCount: number, test: IdxImages, testCount: number): { sampled: number; shared: number; step: number } {
  const size = train.rows * train.cols;
  const image = (set: IdxImages, i: number) => set.pixels.subarray(i * size, (i + 1) * size);
  const byHash = new Map<number, number[]>();
  for (let i = 0; i < trainCount; i++) {
    const h = fnv1a(image(train, i));
    const list = byHash.get(h);
    if (list) list.push(i);
    else byHash.set(h, [i]);
  }
  const step = Math.max(1, Math.floor(testCount / SAMPLE));
  const sampled = Math.min(SAMPLE, testCount);
  let shared = 0;
  for (let s = 0; s < sampled; s++) {
    const probe = image(test, s * step);
    if (byHash.get(fnv1a(probe))?.some((i) => equal(image(train, i), probe))) shared++;
  }
  return { sampled, shared, step };
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Refuses a test set made of training images; warns (one line) when only some are. */
export function checkSharedImages(dir: string, result: ReturnType<typeof sharedImages>, testCount: number, log: (line: string) => void): void {
  const { sampled, shared, step } = result;
  if (shared === 0) return;
  const which = step > 1 ? `${sampled} test images checked (one in ${step} of ${testCount})` : `${sampled} test images`;
  if (shared === sampled) {
    throw new IdxError(dir, `all ${which} are also training images: the test set is training data, so the test accuracy would measure memory, not generalisation. Point --data-dir at a folder whose t10k-* files hold images kept out of training.`);
  }
  log(`data: warning: ${shared} of ${which} are also training images, so the test accuracy will be optimistic; remove them from the test set for an honest score`);
}
