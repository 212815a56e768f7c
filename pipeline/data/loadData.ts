// The one entry to the data (issue #21): MNIST-format IDX files (loadMnist.ts) or, later, an image folder
// (DIR/train/<class>/…, DIR/test/<class>/…). Whatever the source, the result is the same: images as
// count × height × width × channels in [0, 1], labels, and data.info with the class names.
import type { PipelineConfig } from '../artifacts/types';
import { loadMnist, type MnistData } from './loadMnist';

export type DataSet = MnistData;

export interface DataOptions {
  config: Pick<PipelineConfig, 'dataDir' | 'trainLimit' | 'testLimit'>;
  log: (line: string) => void;
  /** The input of a model read from a file (--model, --architecture): an image folder is fitted to it unless flags say otherwise. */
  input?: { height: number; width: number; channels: number };
}

export type LoadData = (options: DataOptions) => Promise<DataSet>;

export const loadData: LoadData = async ({ config, log }) =>
  loadMnist({ dataDir: config.dataDir, trainLimit: config.trainLimit, testLimit: config.testLimit, log });
