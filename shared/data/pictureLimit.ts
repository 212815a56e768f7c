// The largest picture the report accepts as "a picture" (issue #21): the explorer refuses a larger
// upload before decoding it into memory (4096² RGBA is 64 MB), and the build can refuse a larger file
// in an image folder with the same number. Pure, shared by both.

/** Longest accepted width and height, in pixels. */
export const MAX_PICTURE_SIDE = 4096;

/** true when a width × height picture is over the limit in either direction. */
export function pictureTooBig(width: number, height: number): boolean {
  return width > MAX_PICTURE_SIDE || height > MAX_PICTURE_SIDE;
}
