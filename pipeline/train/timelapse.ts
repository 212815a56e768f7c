// The training timelapse: what the first convolution layer looks like at the start and at the end of
// every epoch — its kernels, and its feature maps of one test image.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The layer recorded: the first one, so its input is the image itself and no other layer is run. */
export const TIMELAPSE_LAYER = 'conv2d';

export interface TimelapseFrame {
  /** 0: the initial weights; n: the weights epoch n ended with. */
  epoch: number;
  /** The kernel as TF.js stores it: [kh, kw, 1, filters], filters fastest. */
  kernel: Float32Array;
  /** The layer's output (after ReLU) for the image: height × width × channels, channels last. */
  maps: Float32Array;
}

export interface TimelapseRecorder {
  /** Reads the model's current weights as the frame of `epoch`. */
  record(epoch: number, model: tfl.LayersModel): void;
  readonly frames: readonly TimelapseFrame[];
  kernelShape(): number[];
  mapShape(): number[];
}

/** Records frames of `layerName` (which must be the model's first layer) for one 28×28 image. */
export function createTimelapseRecorder(image: Float32Array, layerName = TIMELAPSE_LAYER): TimelapseRecorder {
  if (image.length !== 28 * 28) throw new Error(`timelapse: expected one 28×28 image (784 values), got ${image.length}`);
  const frames: TimelapseFrame[] = [];
  let kernelShape: number[] = [];
  let mapShape: number[] = [];
  return {
    frames,
    kernelShape: () => kernelShape,
    mapShape: () => mapShape,
    record(epoch, model) {
      const layer = model.layers[0];
      if (!layer || layer.name !== layerName) {
        throw new Error(`timelapse: the model's first layer is '${layer?.name}', not '${layerName}'; the timelapse feeds the image straight into it.`);
      }
      const [kernel] = layer.getWeights();
      if (!kernel || kernel.shape.length !== 4 || kernel.shape[2] !== 1) {
        throw new Error(`timelapse: layer '${layerName}' has no [kh, kw, 1, filters] kernel`);
      }
      const output = tf.tidy(() => layer.apply(tf.tensor4d(image, [1, 28, 28, 1])) as tf.Tensor);
      kernelShape = kernel.shape;
      mapShape = output.shape.slice(1);
      // slice(): copies that outlive the tensors, whatever the backend.
      frames.push({ epoch, kernel: (kernel.dataSync() as Float32Array).slice(), maps: (output.dataSync() as Float32Array).slice() });
      output.dispose();
    },
  };
}
