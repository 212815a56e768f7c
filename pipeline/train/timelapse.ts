// The training timelapse: what the first convolution layer looks like at the start and at the end of
// every epoch — its kernels, and its feature maps of one test image.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputSize, type ModelInput } from '../model/description';
import { inputTensor } from '../model/inputTensor';
import { stackLayers } from '../model/logits';

export interface TimelapseFrame {
  /** 0: the initial weights; n: the weights epoch n ended with. */
  epoch: number;
  /** The kernel as TF.js stores it: [kh, kw, input channels, filters], filters fastest. */
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

/**
 * Records frames of `layerName` (the description's firstConvolution) for one image of `input`'s size
 * ([0, 1] pixels). The layers before it (none for the tutorial) run in inference mode.
 */
export function createTimelapseRecorder(image: Float32Array, layerName: string, input: ModelInput): TimelapseRecorder {
  if (image.length !== inputSize(input)) throw new Error(`timelapse: expected one ${input.height}×${input.width}×${input.channels} image (${inputSize(input)} values), got ${image.length}`);
  const frames: TimelapseFrame[] = [];
  let kernelShape: number[] = [];
  let mapShape: number[] = [];
  return {
    frames,
    kernelShape: () => kernelShape,
    mapShape: () => mapShape,
    record(epoch, model) {
      const layers = stackLayers(model);
      const at = layers.findIndex((l) => l.name === layerName);
      if (at < 0) throw new Error(`timelapse: the model has no layer '${layerName}'; its layers: ${layers.map((l) => l.name).join(', ')}`);
      const layer = layers[at];
      const [kernel] = layer.getWeights();
      if (!kernel || kernel.shape.length !== 4) {
        throw new Error(`timelapse: layer '${layerName}' has no [kh, kw, channels, filters] kernel`);
      }
      const output = tf.tidy(() => layers.slice(0, at + 1).reduce((h, l) => l.apply(h) as tf.Tensor, inputTensor(image, 1, input) as tf.Tensor));
      kernelShape = kernel.shape;
      mapShape = output.shape.slice(1);
      // slice(): copies that outlive the tensors, whatever the backend.
      frames.push({ epoch, kernel: (kernel.dataSync() as Float32Array).slice(), maps: (output.dataSync() as Float32Array).slice() });
      output.dispose();
    },
  };
}
