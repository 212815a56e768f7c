// The explorer's input in the model's own shape. A drawing is preprocessed the MNIST way into a
// 28×28 grey image (shared/mnist/preprocess); a model that takes another size gets it resampled to
// height × width (area-weighted, as the preprocessing itself resamples), and a colour model gets the
// grey level in each of its channels. Test images already come at the model's size. Pure functions.
import { MNIST_SIZE, preprocessDrawing, resampleBox, type InkImage } from '../../../shared/mnist/preprocess';
import type { ModelInput } from '../../../pipeline/model/description';

type Size = Pick<ModelInput, 'height' | 'width' | 'channels'>;

/** A square grey image (side × side, 0–1) as the model's height × width × channels input (channels last). */
export function greyToModelInput(grey: Float32Array, input: Size, side = MNIST_SIZE): Float32Array {
  if (grey.length !== side * side) throw new Error(`greyToModelInput: expected ${side}×${side} = ${side * side} values, got ${grey.length}`);
  const { height, width, channels } = input;
  const resized = height === side && width === side ? grey : resampleBox({ width: side, height: side, ink: grey }, { x0: 0, y0: 0, x1: side, y1: side }, width, height);
  if (channels === 1) return resized;
  const out = new Float32Array(resized.length * channels);
  for (let p = 0; p < resized.length; p++) out.fill(resized[p], p * channels, (p + 1) * channels);
  return out;
}

/** The pad's ink as the model's input (MNIST preprocessing, then greyToModelInput), or null when the pad holds no ink. */
export function drawingToModelInput(ink: InkImage, input: Size): Float32Array | null {
  const grey = preprocessDrawing(ink);
  return grey && greyToModelInput(grey, input);
}

/** An input image (h × w × c) as grey levels (h × w): a colour image's channels averaged, one channel as it is. */
export function modelInputToGrey(image: Float32Array, channels: number): Float32Array {
  if (channels === 1) return image;
  const out = new Float32Array(image.length / channels);
  for (let i = 0; i < image.length; i++) out[Math.floor(i / channels)] += image[i] / channels;
  return out;
}

/** [0, 1] pixels on the scale the model was trained on: unchanged for 'unit', × 255 for 'byte'. */
export function toModelScale(image: Float32Array, scale: ModelInput['scale']): Float32Array {
  return scale === 'byte' ? image.map((v) => v * 255) : image;
}

/**
 * A grey image (height × width) drawn nearest-neighbour onto a square pad (padSize²): "start from test
 * image N" puts the test image under the pen. A square image lands exactly as upscaleToPad puts it.
 */
export function greyOnPad(grey: Float32Array, height: number, width: number, padSize: number): Float32Array {
  if (grey.length !== height * width) throw new Error(`greyOnPad: expected ${height}×${width} = ${height * width} values, got ${grey.length}`);
  const ink = new Float32Array(padSize * padSize);
  for (let y = 0; y < padSize; y++) {
    const row = Math.floor((y * height) / padSize) * width;
    for (let x = 0; x < padSize; x++) ink[y * padSize + x] = grey[row + Math.floor((x * width) / padSize)];
  }
  return ink;
}
