// Decodes one picture file to RGBA at full size with sharp (libvips), then fits it to the input with THE rule
// (shared/data/fitImage.ts). sharp rather than @napi-rs/canvas: canvas decodes a truncated PNG, JPEG or WebP
// into a picture with blank rows and no error, which would train on silent garbage (README.md here).
import sharp from 'sharp';
import { fitImage, isGreyscale, type FitTarget, type RgbaPicture } from '../../../shared/data/fitImage';

/** The largest picture read: 4096 × 4096 pixels (16 Mpx, 64 MB as RGBA); anything larger is refused, not shrunk. */
export const MAX_PICTURE_SIDE = 4096;
export const MAX_PICTURE_PIXELS = MAX_PICTURE_SIDE * MAX_PICTURE_SIDE;

/** A picture that cannot be used: the message says why, without the file (the caller names it). */
export class PictureError extends Error {
  override name = 'PictureError';
}

/**
 * The picture as the browser would show it: EXIF orientation applied, in sRGB, 8 bits per channel, with alpha.
 * Truncated or corrupt files are errors (sharp's default `failOn: 'warning'`).
 */
export async function decodePicture(bytes: Uint8Array): Promise<RgbaPicture> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PICTURE_PIXELS }).rotate().toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 4 || data.length !== info.width * info.height * 4) throw new PictureError(`decoded to ${info.channels} channels of ${data.length / (info.width * info.height)} bytes, expected RGBA`);
    return { data, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof PictureError) throw e;
    const message = (e as Error).message;
    if (/pixel limit/i.test(message)) {
      const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => ({ width: 0, height: 0 }));
      throw new PictureError(`is ${width}×${height} pixels, more than the ${MAX_PICTURE_PIXELS.toLocaleString('en-US')} (${MAX_PICTURE_SIDE}×${MAX_PICTURE_SIDE}) read: scale it down (the input is far smaller anyway) or remove it`);
    }
    throw new PictureError(`cannot be decoded as a PNG, JPEG or WebP picture (${message.trim()}): it is corrupt, truncated or not a picture. Replace or remove it`);
  }
}

/** What one picture gives the data: its fitted pixels and what the report says about the originals. */
export interface FittedPicture {
  width: number;
  height: number;
  grey: boolean;
  /** target.height × target.width × channels values in [0, 1]. */
  pixels: Float32Array;
  channels: 1 | 3;
}

/**
 * Decodes and fits one picture. `channels` null: not chosen yet (no --channels, no model), so a grey picture
 * is fitted to one channel and a colour one to three; the caller then checks they all agree.
 */
export async function fitPictureFile(bytes: Uint8Array, target: { height: number; width: number; channels: 1 | 3 | null }): Promise<FittedPicture> {
  const picture = await decodePicture(bytes);
  const grey = isGreyscale(picture);
  const channels = target.channels ?? (grey ? 1 : 3);
  const fit: FitTarget = { height: target.height, width: target.width, channels };
  return { width: picture.width, height: picture.height, grey, pixels: fitImage(picture, fit), channels };
}
