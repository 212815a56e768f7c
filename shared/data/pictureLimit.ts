// The largest picture the report reads (issue #21): 4096 × 4096 pixels' worth (16 Mpx, 64 MB as RGBA).
// Counted in pixels, not per side, as the build's decoder limits it (sharp's limitInputPixels): a long
// thin picture under the count is read. The explorer refuses a larger upload before copying its pixels.
// Pure, so the build and the browser can share the number.

export const MAX_PICTURE_SIDE = 4096;
export const MAX_PICTURE_PIXELS = MAX_PICTURE_SIDE * MAX_PICTURE_SIDE;

/** true when a width × height picture has more pixels than a maxSide × maxSide one. */
export function pictureTooBig(width: number, height: number, maxSide = MAX_PICTURE_SIDE): boolean {
  return width * height > maxSide * maxSide;
}
