import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { perLayer } from '../../pipeline/train/perLayer';

describe('perLayer', () => {
  it("reads each layer's config once, however often it is asked, and keeps layers apart", () => {
    const a = tfl.layers.dropout({ rate: 0.3 });
    const b = tfl.layers.dropout({ rate: 0.5 });
    let reads = 0;
    const rateOf = perLayer((config) => {
      reads++;
      return config.rate as number;
    });
    expect([rateOf(a), rateOf(b), rateOf(a), rateOf(b), rateOf(a)]).toEqual([0.3, 0.5, 0.3, 0.5, 0.3]);
    expect(reads).toBe(2);
  });

  it('remembers a derived null or undefined as well (a layer found unsuitable is not examined again)', () => {
    const layer = tfl.layers.dense({ units: 2 });
    let reads = 0;
    const nothing = perLayer(() => {
      reads++;
      return null;
    });
    expect([nothing(layer), nothing(layer)]).toEqual([null, null]);
    expect(reads).toBe(1);
  });
});
