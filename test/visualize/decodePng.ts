// Test helper: PNG bytes (or a file) back to RGBA pixels, through the same library that wrote them.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface DecodedImage {
  width: number;
  height: number;
  /** "#rrggbb" of the pixel at (x, y); fails the test if it is not opaque. */
  hexAt: (x: number, y: number) => string;
  alphaAt: (x: number, y: number) => number;
}

export async function decodePng(source: Buffer | string): Promise<DecodedImage> {
  const image = await loadImage(source);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const at = (x: number, y: number) => (y * image.width + x) * 4;
  return {
    width: image.width,
    height: image.height,
    hexAt: (x, y) => '#' + Array.from(data.subarray(at(x, y), at(x, y) + 3), (v) => v.toString(16).padStart(2, '0')).join(''),
    alphaAt: (x, y) => data[at(x, y) + 3],
  };
}
