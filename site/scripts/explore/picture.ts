// "Use your own picture": a file the reader chose or dropped, decoded by the browser at its natural
// size and fitted to the model's input by the build's own rule (shared/data/fitImage), so the explorer
// sees the pixels the build would make of the same file.
import { fitImage, type RgbaPicture } from '../../../shared/data/fitImage';
import { fillTemplate as fill } from '../../lib/fillTemplate';
import { MAX_PICTURE_SIDE, pictureTooBig } from '../../../shared/data/pictureLimit';
import type { ModelInput } from '../../../pipeline/model/description';

/** Why a file is not used; the page turns it into a sentence in its language. */
export type PictureProblem =
  | { kind: 'unreadable'; name: string; message: string }
  | { kind: 'tooBig'; name: string; width: number; height: number; side: number };

export class PictureError extends Error {
  constructor(readonly problem: PictureProblem) {
    super(problem.kind === 'tooBig' ? `${problem.name} is ${problem.width}×${problem.height}, more pixels than ${problem.side}×${problem.side}` : `${problem.name}: ${problem.message}`);
  }
}

/**
 * The file's pixels, RGBA not premultiplied, at its natural size, read as the build reads a picture
 * (pipeline/data/imageFolder: EXIF orientation applied, in sRGB). The canvas keeps colours premultiplied
 * by alpha, which is why fitImage lays transparent pixels over black: the product it takes is what the
 * canvas stored, so the browser and the build differ by at most one level (two roundings of half a level).
 */
export async function decodePicture(file: Blob & { name?: string }, maxSide = MAX_PICTURE_SIDE): Promise<RgbaPicture> {
  const name = file.name ?? 'picture';
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', colorSpaceConversion: 'default', premultiplyAlpha: 'none' });
  } catch (e) {
    throw new PictureError({ kind: 'unreadable', name, message: (e as Error).message || String(e) });
  }
  try {
    const { width, height } = bitmap;
    if (pictureTooBig(width, height, maxSide)) throw new PictureError({ kind: 'tooBig', name, width, height, side: maxSide });
    const canvas = new OffscreenCanvas(width, height);
    // colorSpace sRGB (the default) for the canvas and its read-back.
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
    ctx.drawImage(bitmap, 0, 0);
    return { data: ctx.getImageData(0, 0, width, height).data, width, height };
  } finally {
    bitmap.close();
  }
}

/** The file as the model's input (height × width × channels, [0, 1]). */
export async function pictureToModelInput(file: Blob & { name?: string }, input: Pick<ModelInput, 'height' | 'width' | 'channels'>, maxSide = MAX_PICTURE_SIDE): Promise<Float32Array> {
  const picture = await decodePicture(file, maxSide);
  return fitImage(picture, { height: input.height, width: input.width, channels: input.channels === 3 ? 3 : 1 });
}

/** The problem as a sentence, from the page's templates (explore.pictureUnreadable, explore.pictureTooBig). */
export function pictureProblemText(problem: PictureProblem, labels: { pictureUnreadable: string; pictureTooBig: string }): string {
  return problem.kind === 'tooBig'
    ? fill(labels.pictureTooBig, { name: problem.name, width: problem.width, height: problem.height, side: problem.side })
    : fill(labels.pictureUnreadable, { name: problem.name, message: problem.message });
}
