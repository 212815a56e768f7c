// A drawing turned into an MNIST input the way MNIST itself was made (LeCun et al.): the ink's
// bounding box scaled to fit a 20×20 box keeping its aspect ratio, anti-aliased, then placed in
// a 28×28 image so that its centre of mass sits at the centre. Pure: pixels in, pixels out.

export const MNIST_SIZE = 28;
/** The side of the box the ink's bounding box is scaled to fit. */
export const FIT_SIZE = 20;
/** Pad pixels at or below this ink level count as paper (canvas anti-aliasing leaves faint fringes). */
export const INK_THRESHOLD = 0.02;

/** Grey image, row-major, ink 0 (paper) … 1 (full ink). */
export interface InkImage {
  width: number;
  height: number;
  ink: Float32Array;
}

export interface Box {
  x0: number;
  y0: number;
  /** Exclusive. */
  x1: number;
  y1: number;
}

export function inkBoundingBox({ width, height, ink }: InkImage, threshold = INK_THRESHOLD): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Area-weighted resampling of `box` to outWidth × outHeight: each output pixel is the mean ink
 * of the source area it covers, so edges come out anti-aliased (MNIST's own fitting did the same).
 */
export function resampleBox(image: InkImage, box: Box, outWidth: number, outHeight: number): Float32Array {
  const out = new Float32Array(outWidth * outHeight);
  const sx = (box.x1 - box.x0) / outWidth;
  const sy = (box.y1 - box.y0) / outHeight;
  for (let oy = 0; oy < outHeight; oy++) {
    const top = box.y0 + oy * sy;
    const bottom = top + sy;
    for (let ox = 0; ox < outWidth; ox++) {
      const left = box.x0 + ox * sx;
      const right = left + sx;
      let sum = 0;
      for (let y = Math.floor(top); y < Math.min(box.y1, Math.ceil(bottom)); y++) {
        const wy = Math.min(bottom, y + 1) - Math.max(top, y);
        for (let x = Math.floor(left); x < Math.min(box.x1, Math.ceil(right)); x++) {
          const wx = Math.min(right, x + 1) - Math.max(left, x);
          sum += wx * wy * image.ink[y * image.width + x];
        }
      }
      out[oy * outWidth + ox] = Math.min(1, sum / (sx * sy));
    }
  }
  return out;
}

/** Centre of mass in pixel coordinates (pixel i spans [i, i + 1), so its centre is i + 0.5). */
export function centreOfMass(values: Float32Array, width: number, height: number): { x: number; y: number; mass: number } {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass > 0 ? { x: mx / mass, y: my / mass, mass } : { x: width / 2, y: height / 2, mass: 0 };
}

/**
 * The 28×28 input (row-major, 0–1) for a drawing, or null when the pad holds no ink: an empty
 * pad has nothing to classify, and the caller says so instead of showing a guess.
 */
export function preprocessDrawing(image: InkImage, threshold = INK_THRESHOLD): Float32Array | null {
  if (image.ink.length !== image.width * image.height) {
    throw new Error(`preprocessDrawing: expected ${image.width}×${image.height} = ${image.width * image.height} ink values, got ${image.ink.length}`);
  }
  const box = inkBoundingBox(image, threshold);
  if (!box) return null;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = FIT_SIZE / Math.max(w, h);
  const fw = Math.max(1, Math.round(w * scale));
  const fh = Math.max(1, Math.round(h * scale));
  const fitted = resampleBox(image, box, fw, fh);
  const com = centreOfMass(fitted, fw, fh);
  // MNIST shifted by whole pixels; the clamp keeps a lopsided digit's box inside the image.
  const left = Math.min(MNIST_SIZE - fw, Math.max(0, Math.round(MNIST_SIZE / 2 - com.x)));
  const top = Math.min(MNIST_SIZE - fh, Math.max(0, Math.round(MNIST_SIZE / 2 - com.y)));
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < fh; y++) out.set(fitted.subarray(y * fw, (y + 1) * fw), (top + y) * MNIST_SIZE + left);
  return out;
}

/** Nearest-neighbour upscale of a 28×28 image onto a square pad (tests, and "start from test image N"). */
export function upscaleToPad(image: Float32Array, padSize: number, size = MNIST_SIZE): InkImage {
  const ink = new Float32Array(padSize * padSize);
  for (let y = 0; y < padSize; y++) {
    const row = Math.floor((y * size) / padSize) * size;
    for (let x = 0; x < padSize; x++) ink[y * padSize + x] = image[row + Math.floor((x * size) / padSize)];
  }
  return { width: padSize, height: padSize, ink };
}
