// The one rule that turns a decoded picture of any size into the model's input (issue #21): used by the
// build for image folders and by the explorer for "use your own picture", so both see the same pixels.
//
// 1. Transparent pixels are laid over black (each channel × alpha / 255): a browser's canvas keeps
//    colours premultiplied, so this is the form both sides can reproduce.
// 2. The largest centred rectangle of the input's aspect ratio is cut out (for a square input: a centre
//    square crop), so nothing is stretched; what lies outside it is dropped.
// 3. That rectangle is resized by area averaging: each output pixel is the mean of the source area it
//    covers, fractional pixels weighted by their overlap. Exact and order-independent (no rounding
//    until the end), so the build and the browser agree but for the browser's own alpha rounding.
// 4. One channel: the Rec. 601 luma (0.299 R + 0.587 G + 0.114 B); three: R, G, B. Values in [0, 1].
// 5. Each value is rounded to 8 bits (k / 255), as pictures and MNIST store them: the report keeps test
//    images as bytes (the explorer's shards), and the per-channel stretch of the feature maps would
//    magnify any difference between the bytes and unrounded values into visible ones.

export interface RgbaPicture {
  /** width × height × 4 bytes, row-major, not premultiplied (what decoders and getImageData give). */
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface FitTarget {
  height: number;
  width: number;
  channels: 1 | 3;
}

/** How the rule is named on the about page and in the manifest. */
export const FIT_RULE = 'centre-crop' as const;

/** The source rectangle (x, y, w, h) that rule 2 keeps. */
export function centreCrop(width: number, height: number, target: { width: number; height: number }): { x: number; y: number; w: number; h: number } {
  const aspect = target.width / target.height;
  let w = width;
  let h = width / aspect;
  if (h > height) {
    h = height;
    w = height * aspect;
  }
  return { x: (width - w) / 2, y: (height - h) / 2, w, h };
}

/** Weights of the source pixels an output interval [start, end) covers, along one axis. */
function coverage(start: number, end: number): { index: number; weight: number }[] {
  const out: { index: number; weight: number }[] = [];
  for (let i = Math.floor(start); i < end; i++) {
    const weight = Math.min(end, i + 1) - Math.max(start, i);
    if (weight > 1e-9) out.push({ index: i, weight });
  }
  return out;
}

/** A 0–255 average as the [0, 1] value of its nearest byte (rule 5). */
function toByteLevel(value: number): number {
  return Math.round(value) / 255;
}

/** The model's input for one picture: target.height × target.width × target.channels values in [0, 1]. */
export function fitImage(picture: RgbaPicture, target: FitTarget): Float32Array {
  const { data, width, height } = picture;
  if (width < 1 || height < 1) throw new RangeError(`fitImage: the picture is ${width}×${height}`);
  if (data.length !== width * height * 4) throw new RangeError(`fitImage: expected ${width}×${height}×4 bytes, got ${data.length}`);
  const crop = centreCrop(width, height, target);
  const sx = crop.w / target.width;
  const sy = crop.h / target.height;
  const columns = Array.from({ length: target.width }, (_, x) => coverage(crop.x + x * sx, crop.x + (x + 1) * sx));
  const out = new Float32Array(target.height * target.width * target.channels);
  const sum = [0, 0, 0];
  for (let y = 0; y < target.height; y++) {
    const rows = coverage(crop.y + y * sy, crop.y + (y + 1) * sy);
    for (let x = 0; x < target.width; x++) {
      sum[0] = sum[1] = sum[2] = 0;
      let area = 0;
      for (const r of rows) {
        for (const c of columns[x]) {
          const w = r.weight * c.weight;
          const p = (r.index * width + c.index) * 4;
          const alpha = data[p + 3] / 255;
          sum[0] += w * data[p] * alpha;
          sum[1] += w * data[p + 1] * alpha;
          sum[2] += w * data[p + 2] * alpha;
          area += w;
        }
      }
      const o = (y * target.width + x) * target.channels;
      if (target.channels === 1) out[o] = toByteLevel((0.299 * sum[0] + 0.587 * sum[1] + 0.114 * sum[2]) / area);
      else for (let k = 0; k < 3; k++) out[o + k] = toByteLevel(sum[k] / area);
    }
  }
  return out;
}

/** true when every pixel's red, green and blue are equal: a greyscale picture (for the default --channels). */
export function isGreyscale(picture: RgbaPicture): boolean {
  const { data } = picture;
  for (let p = 0; p < data.length; p += 4) if (data[p] !== data[p + 1] || data[p] !== data[p + 2]) return false;
  return true;
}
