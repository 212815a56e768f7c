// timelapse/timelapse.json (kind 'timelapse-index'): what the training page's scrubber shows.

export const TIMELAPSE_INDEX_PATH = 'timelapse/timelapse.json';

export interface TimelapsePicture {
  path: string;
  width: number;
  height: number;
}

export interface TimelapseEpoch {
  /** 0: before training. */
  epoch: number;
  /** Validation accuracy at the end of the epoch (null for epoch 0, which was not validated). */
  valAccuracy: number | null;
  kernels: TimelapsePicture;
  maps: TimelapsePicture;
}

export interface TimelapseIndex {
  layer: string;
  sample: number;
  /** Filters of the layer: kernels in each kernel grid, maps in each map grid. */
  channels: number;
  /** The checkpoint's epoch: the weights the final model has. */
  keptEpoch: number;
  /** The epoch early stopping ended training after; null when it ran to the epoch limit. */
  stopEpoch: number | null;
  /** Every kernel picture is coloured on ±kernelRange (the largest |weight| over all epochs). */
  kernelRange: number;
  epochs: TimelapseEpoch[];
  /** A few key epochs in one picture (row by row: kernels, then maps), for readers without JavaScript. */
  filmstrip: TimelapsePicture & { epochs: number[] };
}
