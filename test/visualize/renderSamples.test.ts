import { describe, expect, it } from 'vitest';
import { float32LittleEndian } from '../../pipeline/visualize/renderSamples';

describe('float32LittleEndian', () => {
  it('writes each value as four little-endian bytes', () => {
    // 1 = 0x3f800000, −2 = 0xc0000000
    expect(Array.from(float32LittleEndian(Float32Array.from([1, -2])))).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });
});
