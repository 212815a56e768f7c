// "Use your own picture": what the reader is told when a file is refused, in the page's language.
// (Decoding itself runs in the browser: test/e2e/pictureParity.test.ts.)
import { describe, expect, it } from 'vitest';
import { translator } from '../../../site/lib/i18n';
import { PictureError, pictureProblemText } from '../../../site/scripts/explore/picture';

const labels = (lang: 'en' | 'zh') => ({ pictureUnreadable: translator(lang)('explore.pictureUnreadable'), pictureTooBig: translator(lang)('explore.pictureTooBig') });

describe('pictureProblemText', () => {
  it('names the file, its size and the limit for a picture that is too big, in both languages', () => {
    const problem = { kind: 'tooBig', name: 'huge.png', width: 5000, height: 300, max: 4096 } as const;
    expect(pictureProblemText(problem, labels('en'))).toBe('huge.png is 5000×300 pixels; this page takes pictures up to 4096×4096. Make it smaller and try again.');
    expect(pictureProblemText(problem, labels('zh'))).toBe('huge.png 为 5000×300 像素；本页接受的图片最大为 4096×4096。请缩小后重试。');
  });

  it('names the file and the browser’s reason for one that is not a picture', () => {
    expect(pictureProblemText({ kind: 'unreadable', name: 'notes.txt', message: 'The source image could not be decoded.' }, labels('en')))
      .toBe('notes.txt could not be read as a picture (The source image could not be decoded.). Choose a PNG, JPEG, GIF, WebP or BMP file.');
  });

  it('keeps the problem on the error for the page to word', () => {
    const e = new PictureError({ kind: 'tooBig', name: 'a.png', width: 9000, height: 9000, max: 4096 });
    expect(e.problem.kind).toBe('tooBig');
    expect(e.message).toBe('a.png is 9000×9000, over 4096×4096');
  });
});
