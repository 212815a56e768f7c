import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { crc32, declaredCrcs } from '../../../pipeline/model/import/zipCrc';

describe('zipCrc', () => {
  it('computes the standard CRC-32 ("123456789" → cbf43926)', () => {
    expect(crc32(strToU8('123456789')).toString(16)).toBe('cbf43926');
  });

  it('reads every entry\'s declared CRC-32 from the central directory', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'dir/b.bin': new Uint8Array([1, 2, 3]) });
    expect(declaredCrcs(zip)).toEqual(new Map([['a.txt', crc32(strToU8('hello'))], ['dir/b.bin', crc32(new Uint8Array([1, 2, 3]))]]));
  });

  it('finds nothing in bytes without a central directory', () => {
    expect(declaredCrcs(strToU8('not a zip, just text that is long enough')).size).toBe(0);
  });
});
