// A small colour data set as a user would bring it (issue #21): an image folder, DIR/train/<class>/*.png and
// DIR/test/<class>/*.png, three classes of shapes in colours of their own over colour noise, pictures of
// several sizes (so the build's fitting rule has work to do). No public colour set installs here, so the
// test makes one.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { mulberry32 } from '../../pipeline/train/random';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle'] as const;
/** Each class has a hue of its own, so colour is what tells them apart as much as shape. */
const HUES: Record<(typeof SHAPE_CLASSES)[number], string> = { circle: '#e03a3a', square: '#2f9e44', triangle: '#1c6fd1' };
const SIZES: [number, number][] = [[32, 32], [40, 36], [36, 44]];

function picture(shape: (typeof SHAPE_CLASSES)[number], index: number, next: () => number): Buffer {
  const [width, height] = SIZES[index % SIZES.length];
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  const noise = g.createImageData(width, height);
  for (let p = 0; p < noise.data.length; p += 4) {
    for (let k = 0; k < 3; k++) noise.data[p + k] = Math.floor(next() * 90);
    noise.data[p + 3] = 255;
  }
  g.putImageData(noise, 0, 0);
  g.fillStyle = HUES[shape];
  const side = Math.min(width, height);
  const r = side * (0.25 + next() * 0.12);
  const cx = width / 2 + (next() - 0.5) * side * 0.2;
  const cy = height / 2 + (next() - 0.5) * side * 0.2;
  g.beginPath();
  if (shape === 'circle') g.arc(cx, cy, r, 0, Math.PI * 2);
  else if (shape === 'square') g.rect(cx - r, cy - r, 2 * r, 2 * r);
  else {
    g.moveTo(cx, cy - r);
    g.lineTo(cx + r, cy + r);
    g.lineTo(cx - r, cy + r);
    g.closePath();
  }
  g.fill();
  return canvas.toBuffer('image/png');
}

/** Writes the folder under `dir` (train: `perClass` pictures a class, test: a third of that) and returns `dir`. */
export async function writeShapesFolder(dir: string, perClass = 120): Promise<string> {
  const next = mulberry32(21); // the same folder on every run
  for (const [split, count] of [['train', perClass], ['test', Math.ceil(perClass / 3)]] as const) {
    for (const shape of SHAPE_CLASSES) {
      const folder = path.join(dir, split, shape);
      await mkdir(folder, { recursive: true });
      for (let i = 0; i < count; i++) await writeFile(path.join(folder, `${shape}-${String(i).padStart(4, '0')}.png`), picture(shape, i, next));
    }
  }
  return dir;
}
