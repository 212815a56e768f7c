import { describe, expect, it } from 'vitest';
import { describeLayers, inputSize, ModelShapeError, type DescribedLayer } from '../../pipeline/model/description';

const input = { height: 28, width: 28, channels: 1, scale: 'unit' as const };
const source = { kind: 'imported' as const };
const layer = (name: string, type: string, outputShape: number[], extra: Partial<DescribedLayer> = {}): DescribedLayer => ({ name, type, outputShape, params: 0, ...extra });

describe('describeLayers', () => {
  it('visualizes every map layer before the flatten, leaving out the dropout right before it, and finds the roles', () => {
    const d = describeLayers([
      layer('c1', 'Conv2D', [26, 26, 16], { params: 160, activation: 'linear' }),
      layer('a1', 'Activation', [26, 26, 16], { activation: 'relu' }),
      layer('p1', 'MaxPooling2D', [13, 13, 16]),
      layer('c2', 'Conv2D', [11, 11, 36], { params: 5220 }),
      layer('d1', 'Dropout', [11, 11, 36], { rate: 0.25 }),
      layer('f', 'Flatten', [4356]),
      layer('h', 'Dense', [128], { params: 557696, units: 128, activation: 'relu' }),
      layer('o', 'Dense', [10], { params: 1290, units: 10, activation: 'softmax' }),
    ], input, source);
    expect(d.visualized).toEqual(['c1', 'a1', 'p1', 'c2']);
    expect(d.convolutions).toEqual(['c1', 'c2']);
    expect(d.gradCam).toEqual(['c2', 'c1']);
    expect(d.weighted).toEqual(['c1', 'c2', 'h', 'o']);
    expect(d.embedding).toBe('h');
    expect(d.logitLayer).toBe('o');
    expect(d.softmax).toBe('dense');
    expect(d.classes).toBe(10);
    expect(d.totalParams).toBe(160 + 5220 + 557696 + 1290);
    expect(inputSize(d.input)).toBe(784);
  });

  it('takes the global pooling as the embedding without a hidden dense layer and notices a separate softmax', () => {
    const d = describeLayers([
      layer('c', 'Conv2D', [30, 30, 8], { params: 224 }),
      layer('g', 'GlobalAveragePooling2D', [8]),
      layer('o', 'Dense', [5], { params: 45, units: 5, activation: 'linear' }),
      layer('s', 'Softmax', [5]),
    ], { ...input, height: 32, width: 32, channels: 3 }, source);
    expect(d.visualized).toEqual(['c']);
    expect(d.gradCam).toEqual(['c']);
    expect(d.embedding).toBe('g');
    expect(d.softmax).toBe('layer');
    expect(d.classes).toBe(5);
  });

  it('treats a final linear layer as logits and has no embedding without a hidden layer', () => {
    const d = describeLayers([layer('c', 'Conv2D', [26, 26, 4], { params: 40 }), layer('f', 'Flatten', [2704]), layer('o', 'Dense', [10], { units: 10, activation: 'linear' })], input, source);
    expect(d.softmax).toBe('none');
    expect(d.embedding).toBeNull();
  });

  it('refuses a model without a convolution or without a dense read-out, naming its layers', () => {
    expect(() => describeLayers([layer('f', 'Flatten', [784]), layer('o', 'Dense', [10], { units: 10 })], input, source)).toThrow(ModelShapeError);
    expect(() => describeLayers([layer('c', 'Conv2D', [26, 26, 4])], input, source)).toThrow(/no Dense layer.*layers: c/);
  });
});
