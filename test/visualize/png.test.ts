import { describe, expect, it } from 'vitest';
import { encodePng } from '../../pipeline/visualize/png';

describe('encodePng', () => {
  it('refuses a buffer whose length does not match width × height × 4, naming both', async () => {
    await expect(encodePng(new Uint8ClampedArray(2 * 3 * 4 - 1), 2, 3)).rejects.toThrow('encodePng: 2×3 needs 24 bytes of RGBA, got 23');
  });
});
