import { createCanvas } from '@napi-rs/canvas';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type PictureFormat = 'png' | 'jpeg' | 'webp';

/** One picture: a square of `colour` on black, `size` pixels, encoded by @napi-rs/canvas. */
export function pictureBytes(colour: string, size = 12, format: PictureFormat = 'png'): Buffer {
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = colour;
  ctx.fillRect(size / 4, size / 4, size / 2, size / 2);
  return format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer(format === 'jpeg' ? 'image/jpeg' : 'image/webp');
}

/** Writes `files` (relative path → bytes) into a new temporary folder and returns it. */
export async function writeFolder(files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imgfolder-'));
  for (const [rel, bytes] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), bytes);
  }
  return dir;
}

/** A folder of `perClass` grey (or colour) pictures per class in train/ and test/. */
export function pictures(classes: string[], perClass: number, colour = (c: number) => `rgb(${100 + c * 20},${100 + c * 20},${100 + c * 20})`): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const split of ['train', 'test']) {
    classes.forEach((cls, c) => {
      for (let i = 0; i < perClass; i++) files[`${split}/${cls}/${String(i).padStart(3, '0')}.png`] = pictureBytes(colour(c));
    });
  }
  return files;
}
