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

/** The network's input (height × width × channels; colour shown as its grey mean) as grey levels (0 black, 1 white), scaled to the canvas. */
export function paintInput(canvas: HTMLCanvasElement, input: Float32Array | null, size: Pick<ModelInput, 'height' | 'width' | 'channels'>): void {
  const { height, width, channels } = size;
  const scale = Math.max(1, Math.floor(canvas.width / Math.max(width, height)));
  const levels = input ? Uint8Array.from(modelInputToGrey(input, channels), (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) : new Uint8Array(height * width);
  const rgba = new Uint8ClampedArray(width * scale * height * scale * 4);
  paintTile(rgba, width * scale, 0, 0, levels, height, width, scale, GREY);
  put(canvas, rgba, width * scale, height * scale);
}

export function clearCanvas(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
}
