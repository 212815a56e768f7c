// Which input pixels can influence one position of a feature map: the receptive field, computed
// from each layer's kernel, stride and padding (so a change to the model changes the boxes too).
import type * as tfl from '@tensorflow/tfjs-layers';

/** One sliding-window layer along one axis; layers that keep positions (dropout, activation) are omitted. */
export interface WindowGeometry {
  kernel: number;
  stride: number;
  padding: 'valid' | 'same';
}

/** Position p of the output sees input pixels offset + p·jump … offset + p·jump + size − 1 (before clipping). */
export interface ReceptiveField {
  size: number;
  jump: number;
  offset: number;
  /** Side of the input the chain starts from. */
  inputSize: number;
  /** Side of the output map. */
  outputSize: number;
}

/** TensorFlow's "same" padding puts the odd pixel after the input, so only floor(total / 2) goes before it. */
function padBefore({ kernel, stride, padding }: WindowGeometry, inputSize: number): number {
  if (padding === 'valid') return 0;
  const outputSize = Math.ceil(inputSize / stride);
  return Math.floor(Math.max((outputSize - 1) * stride + kernel - inputSize, 0) / 2);
}

function outputSizeOf({ kernel, stride, padding }: WindowGeometry, inputSize: number): number {
  return padding === 'same' ? Math.ceil(inputSize / stride) : Math.floor((inputSize - kernel) / stride) + 1;
}

/** Chains the layers' geometry from an input of `inputSize` pixels per side. */
export function receptiveField(layers: readonly WindowGeometry[], inputSize: number): ReceptiveField {
  let field: ReceptiveField = { size: 1, jump: 1, offset: 0, inputSize, outputSize: inputSize };
  for (const layer of layers) {
    if (!(layer.kernel >= 1 && layer.stride >= 1)) throw new Error(`receptive field: kernel and stride must be ≥ 1, got ${layer.kernel} and ${layer.stride}`);
    const outputSize = outputSizeOf(layer, field.outputSize);
    if (outputSize < 1) throw new Error(`receptive field: a ${layer.kernel}-pixel window does not fit a ${field.outputSize}-pixel map`);
    field = {
      size: field.size + (layer.kernel - 1) * field.jump,
      jump: field.jump * layer.stride,
      offset: field.offset - padBefore(layer, field.outputSize) * field.jump,
      inputSize,
      outputSize,
    };
  }
  return field;
}

/** Input box [x0, y0, x1, y1] (inclusive, clipped to the input) of output position (y, x). */
export function fieldBox(field: ReceptiveField, y: number, x: number): [number, number, number, number] {
  const span = (p: number): [number, number] => {
    const start = field.offset + p * field.jump;
    return [Math.max(0, start), Math.min(field.inputSize - 1, start + field.size - 1)];
  };
  const [x0, x1] = span(x);
  const [y0, y1] = span(y);
  return [x0, y0, x1, y1];
}

const pair = (value: unknown): number => (Array.isArray(value) ? (value[0] as number) : (value as number));

/** The window geometry of a model's layers up to and including `layerName` (square kernels and strides). */
export function modelGeometry(model: tfl.LayersModel, layerName: string): WindowGeometry[] {
  const names = model.layers.map((l) => l.name);
  const end = names.indexOf(layerName);
  if (end < 0) throw new Error(`receptive field: the model has no layer "${layerName}"; layers: ${names.join(', ')}`);
  const geometry: WindowGeometry[] = [];
  for (const layer of model.layers.slice(0, end + 1)) {
    const config = layer.getConfig();
    const kernel = config.kernelSize ?? config.poolSize;
    if (kernel === undefined) continue; // dropout, activation: positions unchanged
    const strides = config.strides ?? kernel;
    const dilation = pair(config.dilationRate ?? 1);
    if (dilation !== 1) throw new Error(`receptive field: layer ${layer.name} is dilated (rate ${dilation}), which this geometry does not cover`);
    geometry.push({ kernel: pair(kernel), stride: pair(strides), padding: config.padding === 'same' ? 'same' : 'valid' });
  }
  return geometry;
}
