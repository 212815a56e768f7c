// The explorer's input in the model's own shape. A drawing of MNIST-like data is preprocessed the
// MNIST way into a 28×28 grey image (shared/mnist/preprocess); a model that takes another size gets it
// resampled to height × width (area-weighted, as the preprocessing itself resamples). A drawing of any
// other data, and any picture, goes through the build's rule for pictures (shared/data/fitImage).
// Test images already come at the model's size. Pure functions.
import { fitImage, type RgbaPicture } from '../../../shared/data/fitImage';
import { inkBoundingBox, MNIST_SIZE, preprocessDrawing, resampleBox, type InkImage } from '../../../shared/mnist/preprocess';
import type { ModelInput } from '../../../pipeline/model/description';
import type { PadRule } from '../../lib/explore/explorerInput';

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

/** The pad's grey ink as an opaque picture (white ink on black), for fitImage. */
export function inkToPicture({ width, height, ink }: InkImage): RgbaPicture {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < ink.length; i++) {
    const v = Math.round(ink[i] * 255);
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

/**
 * The pad's ink as the model's input, or null when the pad holds no ink. 'mnist': MNIST preprocessing,
 * then greyToModelInput; 'fit': the drawing as a picture through fitImage (see PadRule).
 */
export function drawingToModelInput(ink: InkImage, input: Size, rule: PadRule = 'mnist'): Float32Array | null {
  if (rule === 'fit') {
    if (!inkBoundingBox(ink)) return null;
    return fitImage(inkToPicture(ink), { height: input.height, width: input.width, channels: input.channels === 3 ? 3 : 1 });
  }
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
 * A grey image (height × width) drawn nearest-neighbour onto the pad (padWidth × padHeight, square when
 * no height is given): "start from test image N" puts the test image under the pen. A square image
 * lands exactly as upscaleToPad puts it.
 */
export function greyOnPad(grey: Float32Array, height: number, width: number, padWidth: number, padHeight = padWidth): Float32Array {
  if (grey.length !== height * width) throw new Error(`greyOnPad: expected ${height}×${width} = ${height * width} values, got ${grey.length}`);
  const ink = new Float32Array(padWidth * padHeight);
  for (let y = 0; y < padHeight; y++) {
    const row = Math.floor((y * height) / padHeight) * width;
    for (let x = 0; x < padWidth; x++) ink[y * padWidth + x] = grey[row + Math.floor((x * width) / padWidth)];
  }
  return ink;
}
