// "Use your own picture": what the reader is told when a file is refused, in the page's language.
// (Decoding itself runs in the browser: test/e2e/pictureParity.test.ts.)
import { describe, expect, it } from 'vitest';
import { translator } from '../../../site/lib/i18n';
import { MAX_PICTURE_PIXELS, pictureTooBig } from '../../../shared/data/pictureLimit';
import { PictureError, pictureProblemText } from '../../../site/scripts/explore/picture';

const labels = (lang: 'en' | 'zh') => ({ pictureUnreadable: translator(lang)('explore.pictureUnreadable'), pictureTooBig: translator(lang)('explore.pictureTooBig') });

describe('pictureProblemText', () => {
  it('names the file, its size and the limit for a picture that is too big, in both languages', () => {
    const problem = { kind: 'tooBig', name: 'huge.png', width: 5000, height: 4000, side: 4096 } as const;
    expect(pictureProblemText(problem, labels('en'))).toBe('huge.png is 5000×4000 pixels, more than the 4096×4096 this page reads. Scale it down and try again.');
    expect(pictureProblemText(problem, labels('zh'))).toBe('huge.png 为 5000×4000 像素，超过本页可读取的 4096×4096。请缩小后重试。');
  });

  it('names the file and the browser’s reason for one that is not a picture', () => {
    expect(pictureProblemText({ kind: 'unreadable', name: 'notes.txt', message: 'The source image could not be decoded.' }, labels('en')))
      .toBe('notes.txt could not be read as a picture (The source image could not be decoded.). Choose a PNG, JPEG, GIF, WebP or BMP file.');
  });

  it('keeps the problem on the error for the page to word', () => {
    const e = new PictureError({ kind: 'tooBig', name: 'a.png', width: 9000, height: 9000, side: 4096 });
    expect(e.problem.kind).toBe('tooBig');
    expect(e.message).toBe('a.png is 9000×9000, more pixels than 4096×4096');
  });
});

describe('pictureTooBig', () => {
  it('counts pixels as the build’s decoder does: a long thin picture under 4096² is read, one pixel more is not', () => {
    expect(pictureTooBig(8000, 300)).toBe(false);
    expect(pictureTooBig(4096, 4096)).toBe(false);
    expect(pictureTooBig(4097, 4096)).toBe(true);
    expect(MAX_PICTURE_PIXELS).toBe(16_777_216);
    expect(pictureTooBig(5, 5, 4)).toBe(true);
  });
});
