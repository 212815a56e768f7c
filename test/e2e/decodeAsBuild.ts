// A picture file decoded in Node the way the build decodes an image folder's pictures
// (pipeline/data/imageFolder/decodePicture.ts: sharp, EXIF orientation applied, sRGB, straight RGBA), for
// the browser tests that compare the explorer's "use your own picture" with the build. Once that module
// is on the branch, this can import its decodePicture instead.
import sharp from 'sharp';
import type { RgbaPicture } from '../../shared/data/fitImage';

export async function decodeAsBuild(bytes: Uint8Array): Promise<RgbaPicture> {
  const { data, info } = await sharp(bytes).rotate().toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
