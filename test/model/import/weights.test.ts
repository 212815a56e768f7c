import { describe, expect, it } from 'vitest';
import type { ShapedLayer } from '../../../pipeline/model/import/layerShapes';
import { matchWeights, type FileWeight } from '../../../pipeline/model/import/weights';

const dense: ShapedLayer = { className: 'Dense', name: 'dense', config: {}, inputShape: [4], outputShape: [2], weights: [{ role: 'kernel', shape: [4, 2] }, { role: 'bias', shape: [2] }] };
const flatten: ShapedLayer = { className: 'Flatten', name: 'flatten', config: {}, inputShape: [2, 2], outputShape: [4], weights: [] };
const w = (name: string, shape: number[]): FileWeight => ({ name, shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) });

describe('matchWeights', () => {
  it('puts named weights in the order the layer takes them, whatever order the file lists them in', () => {
    const m = matchWeights([flatten, dense], new Map([['dense', [w('dense/bias:0', [2]), w('dense/kernel:0', [4, 2])]]]), 'a.h5');
    expect(m.get('dense')!.map((x) => x.name)).toEqual(['dense/kernel:0', 'dense/bias:0']);
    expect(m.has('flatten')).toBe(false);
  });

  it('keeps the file order for unnamed variables (vars/0, vars/1)', () => {
    const m = matchWeights([dense], new Map([['dense', [w('layers/dense/vars/0', [4, 2]), w('layers/dense/vars/1', [2])]]]), 'a.keras');
    expect(m.get('dense')!.map((x) => x.shape)).toEqual([[4, 2], [2]]);
  });

  it('names the layer and both shapes when a shape does not match', () => {
    expect(() => matchWeights([dense], new Map([['dense', [w('dense/kernel:0', [5, 2]), w('dense/bias:0', [2])]]]), 'a.h5')).toThrow(
      'a.h5: layer "dense" (Dense): weight kernel has shape [5, 2] in the file (dense/kernel:0) but the configuration needs [4, 2]',
    );
  });

  it('refuses a weighted layer with no weights in the file, and a wrong count', () => {
    expect(() => matchWeights([dense], new Map([['dense', []]]), 'a.h5')).toThrow(/layer "dense" \(Dense\) has weights in its configuration \(kernel \[4, 2\], bias \[2\]\) but none in the file/);
    expect(() => matchWeights([dense], new Map([['dense', [w('dense/kernel:0', [4, 2])]]]), 'a.h5')).toThrow(/calls for 2 weights .* the file has 1/);
  });

  it('refuses weights for a layer the configuration does not have', () => {
    expect(() => matchWeights([dense], new Map([['dense', [w('k', [4, 2]), w('b', [2])]], ['extra', [w('extra/kernel:0', [1])]]]), 'a.h5')).toThrow(/weights for a layer "extra" that its configuration does not have/);
  });
});
