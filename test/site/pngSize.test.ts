import { describe, expect, it } from 'vitest';
import { pngSize } from '../../site/lib/artifacts/pngSize';

describe('pngSize', () => {
  const header = Buffer.from('89504e470d0a1a0a0000000d494844520000012c000000c8', 'hex');

  it('rejects a file whose signature differs in a single byte, calling it "image" when unnamed', () => {
    const other = Buffer.from(header);
    other[1] = 0x51;
    expect(() => pngSize(other)).toThrow('image is not a PNG file (bad signature).');
  });

  it('rejects a PNG signature too short to hold the image header', () => {
    expect(() => pngSize(header.subarray(0, 23), 'cut.png')).toThrow('cut.png is not a PNG file (bad signature).');
  });
});
