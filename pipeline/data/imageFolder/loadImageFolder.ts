// Reads an image folder (DIR/train/<class>/…, DIR/test/<class>/…) into the same data set the IDX files give:
// list → choose the pictures used → the cache, or decode and fit them across the cores → check → cache.
import path from 'node:path';
import sharp from 'sharp';
import type { DataInfo, ImageFolderInfo } from '../../artifacts/types';
import { FIT_RULE } from '../../../shared/data/fitImage';
import type { MnistData, Split } from '../loadMnist';
import { DataError } from '../dataError';
import { readClassesFile } from '../classesFile';
import { cacheKey, defaultCacheDir, readCached, ruleVersion, writeCached, type CachedHeader, type CachedSet } from './cache';
import { decodePictures } from './decodePool';
import type { FittedPicture } from './decodePicture';
import { folderClasses } from './folderClasses';
import { listImageFolder, PICTURE_EXTENSIONS, type ListedPicture } from './listing';
import { lastBuildReason, rememberBuild } from './lastBuild';
import { selectPictures } from './selectPictures';

export interface ImageFolderOptions {
  dir: string;
  trainLimit: number;
  testLimit: number;
  /** The input the pictures are fitted to; channels null: what the pictures are (1 if all are grey, 3 if all colour). */
  target: { height: number; width: number; channels: 1 | 3 | null };
  cacheDir?: string;
  log?: (line: string) => void;
  threads?: number;
}

const SKIPPED_EXAMPLES = 5;

/** The pictures' channels when none was asked for: all grey → 1, all colour → 3, a mix is the user's call. */
function agreedChannels(dir: string, pictures: FittedPicture[], files: ListedPicture[]): 1 | 3 {
  const grey = pictures.findIndex((p) => p.grey);
  const colour = pictures.findIndex((p) => !p.grey);
  if (colour < 0) return 1;
  if (grey < 0) return 3;
  const greyCount = pictures.filter((p) => p.grey).length;
  throw new DataError(dir, `${greyCount} of ${pictures.length} pictures are greyscale (e.g. ${files[grey].path}) and the rest colour (e.g. ${files[colour].path}). Pass --channels 3 to read them all in colour (grey ones as equal R, G, B) or --channels 1 to turn them all to grey (Rec. 601 luma).`);
}

function assemble(set: FittedPicture[], files: ListedPicture[], size: number): { images: Float32Array; labels: Int32Array } {
  const images = new Float32Array(set.length * size);
  set.forEach((p, i) => images.set(p.pixels, i * size));
  return { images, labels: Int32Array.from(files, (f) => f.label) };
}

async function decodeAndFit(options: ImageFolderOptions, key: string, used: { train: ListedPicture[]; test: ListedPicture[] }): Promise<CachedSet> {
  const { dir, target } = options;
  const files = [...used.train, ...used.test];
  const pictures = await decodePictures({ files: files.map((f) => path.join(dir, ...f.path.split('/'))), target, threads: options.threads });
  const channels = target.channels ?? agreedChannels(dir, pictures, files);
  const size = target.height * target.width * channels;
  const byArea = [...pictures].sort((a, b) => a.width * a.height - b.width * b.height);
  const header: CachedHeader = {
    key, height: target.height, width: target.width, channels, trainCount: used.train.length, testCount: used.test.length,
    smallest: [byArea[0].width, byArea[0].height], largest: [byArea.at(-1)!.width, byArea.at(-1)!.height],
    colourPictures: pictures.filter((p) => !p.grey).length, greyPictures: pictures.filter((p) => p.grey).length,
  };
  return { header, train: assemble(pictures.slice(0, used.train.length), used.train, size), test: assemble(pictures.slice(used.train.length), used.test, size) };
}

const toSplit = (s: CachedSet['train'], count: number): Split => ({ images: s.images, labels: s.labels, count });

export async function loadImageFolder(options: ImageFolderOptions): Promise<MnistData> {
  const { dir, target, log = () => {}, cacheDir = defaultCacheDir() } = options;
  const listing = await listImageFolder(dir);
  const classes = folderClasses(dir, listing.classes, await readClassesFile(dir), log);
  if (listing.skipped.length > 0) {
    const examples = listing.skipped.slice(0, SKIPPED_EXAMPLES);
    log(`images: skipped ${listing.skipped.length} file${listing.skipped.length > 1 ? 's' : ''} that ${listing.skipped.length > 1 ? 'are' : 'is'} not a picture by name (${PICTURE_EXTENSIONS.join(', ')}) or not inside a class folder: ${examples.join(', ')}${listing.skipped.length > examples.length ? ', …' : ''}`);
  }
  const used = {
    train: selectPictures(listing.pictures.train, listing.classes.length, options.trainLimit),
    test: selectPictures(listing.pictures.test, listing.classes.length, options.testLimit),
  };
  const parts = { listingSha256: listing.sha256, target, trainCount: used.train.length, testCount: used.test.length, rule: await ruleVersion(sharp.versions.sharp) };
  const key = cacheKey(parts);
  const cached = await readCached(cacheDir, key);
  let set: CachedSet;
  const count = used.train.length + used.test.length;
  if (cached && !('damaged' in cached)) {
    set = cached;
    log(`images: ${count.toLocaleString('en-US')} pictures from the cache (fresh)`);
  } else {
    const reason = cached ? `${cached.damaged}` : await lastBuildReason(cacheDir, dir, parts);
    if (count >= 5000) log(`images: decoding ${count.toLocaleString('en-US')} pictures (${reason})…`);
    const t0 = performance.now();
    set = await decodeAndFit(options, key, used);
    log(`images: decoded ${count.toLocaleString('en-US')} pictures in ${((performance.now() - t0) / 1000).toFixed(1)} s (stale: ${reason})`);
    await writeCached(cacheDir, set);
    await rememberBuild(cacheDir, dir, parts);
  }
  const h = set.header;
  const folder: ImageFolderInfo = {
    fit: FIT_RULE, smallest: h.smallest, largest: h.largest, colourPictures: h.colourPictures, greyPictures: h.greyPictures,
    skipped: listing.skipped.length, skippedExamples: listing.skipped.slice(0, SKIPPED_EXAMPLES), listingSha256: listing.sha256,
  };
  const info: DataInfo = {
    source: path.resolve(dir), trainCount: h.trainCount, testCount: h.testCount,
    trainAvailable: listing.pictures.train.length, testAvailable: listing.pictures.test.length,
    height: h.height, width: h.width, channels: h.channels, classes, format: 'folder', files: [], known: null, folder,
  };
  return { train: toSplit(set.train, h.trainCount), test: toSplit(set.test, h.testCount), info };
}
