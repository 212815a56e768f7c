// The only place that touches @napi-rs/canvas for output: an RGBA buffer in, PNG bytes out.
import { createCanvas, ImageData } from '@napi-rs/canvas';

/** Encodes straight RGBA pixels (row-major, 4 bytes each) as a PNG. Async: Skia encodes off the main thread. */
export async function encodePng(rgba: Uint8ClampedArray, width: number, height: number): Promise<Buffer> {
  if (rgba.length !== width * height * 4) {
    throw new Error(`encodePng: ${width}×${height} needs ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  }
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);
  return canvas.encode('png');
}
