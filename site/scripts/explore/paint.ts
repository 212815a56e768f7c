// Canvas drawing with the build's own rules (shared/drawing): the same pixels as the build's PNGs.
import { layerGrid } from '../../../shared/drawing/layerGrid';
import { paintLayerGrid, paintTile, toChannelMajor } from '../../../shared/drawing/paintLayerGrid';
import type { ModelInput } from '../../../pipeline/model/description';
import { modelInputToGrey } from './modelInput';
import type { LayerOutput } from './network';

export function put(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray, width: number, height: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  // Resizing clears and reallocates the canvas: only when the size really changes.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const image = ctx.createImageData(width, height);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
}

export function paintLayer(canvas: HTMLCanvasElement, layer: LayerOutput): void {
  const [h, w, c] = layer.shape;
  const layout = layerGrid(h, w, c);
  const { rgba } = paintLayerGrid(toChannelMajor(layer.values, h, w, c), layout);
  put(canvas, rgba, layout.width, layout.height);
}

const GREY = Uint8Array.from({ length: 256 * 3 }, (_, i) => Math.floor(i / 3));
const level = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);

/**
 * RGBA of the network's input (height × width × channels, 0 black … 1 white), each pixel scale × scale:
 * grey as grey, three channels in their colours (none: black). Pure, for the preview canvas.
 */
export function inputRgba(input: Float32Array | null, size: Pick<ModelInput, 'height' | 'width' | 'channels'>, scale: number): Uint8ClampedArray {
  const { height, width, channels } = size;
  const rgba = new Uint8ClampedArray(width * scale * height * scale * 4);
  if (channels !== 3 || !input) {
    const levels = input ? Uint8Array.from(modelInputToGrey(input, channels), level) : new Uint8Array(height * width);
    paintTile(rgba, width * scale, 0, 0, levels, height, width, scale, GREY);
    return rgba;
  }
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const p = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 3;
      rgba.set([level(input[p]), level(input[p + 1]), level(input[p + 2]), 255], (y * width * scale + x) * 4);
    }
  }
  return rgba;
}

/** The network's input scaled to the canvas (see inputRgba). */
export function paintInput(canvas: HTMLCanvasElement, input: Float32Array | null, size: Pick<ModelInput, 'height' | 'width' | 'channels'>): void {
  const scale = Math.max(1, Math.floor(canvas.width / Math.max(size.width, size.height)));
  put(canvas, inputRgba(input, size, scale), size.width * scale, size.height * scale);
}

export function clearCanvas(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
}
