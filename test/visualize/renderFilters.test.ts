import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../pipeline/model/createModel';
import { readKernel, renderFilters, type FilterNormsFile } from '../../pipeline/visualize/renderFilters';
import { decodePng } from './decodePng';
import { recordingWriter } from './recordingWriter';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** L2 norm of each output filter, straight from the layer's weights. */
function norms(model: ReturnType<typeof createModel>, layer: string): number[] {
  const w = model.getLayer(layer).getWeights()[0].arraySync() as number[][][][];
  const out = w[0][0][0].map(() => 0);
  w.flat(2).forEach((row) => row.forEach((v, o) => (out[o] += v * v)));
  return out.map(Math.sqrt);
}

describe('renderFilters', () => {
  it('draws the first layer’s 32 kernels and stores the deeper layers’ filter norms', async () => {
    const model = createModel({ seed: 5 });
    const { write, files } = recordingWriter();
    const { filters } = await renderFilters(model, TUTORIAL_DESCRIPTION, write);
    expect(filters).toEqual({ grid: 'visuals/filters/conv2d.png', width: 1038, height: 128, tile: 63, gap: 2, norms: 'visuals/filters/norms.json' });

    const kernel = model.getLayer('conv2d').getWeights()[0].dataSync();
    const maxAbs = Math.max(...Array.from(kernel, Math.abs));
    const grid = files.get(filters.grid)!;
    expect(grid.entry).toMatchObject({ kind: 'filters-grid', meta: { layer: 'conv2d', shape: [3, 3, 1, 32], rows: 2, cols: 16, maxAbs: Number(maxAbs.toPrecision(7)) } });
    const image = await decodePng(Buffer.from(grid.bytes as Uint8Array));
    expect([image.width, image.height]).toEqual([1038, 128]);
    // The largest weight is drawn in the scale's end colour, 21 px per weight, in its filter's tile.
    const at = Array.from(kernel, Math.abs).indexOf(maxAbs); // kernel is [3, 3, 1, 32]
    const [ky, kx, f] = [Math.floor(at / 96), Math.floor(at / 32) % 3, at % 32];
    const [x, y] = [(f % 16) * 65 + kx * 21 + 10, Math.floor(f / 16) * 65 + ky * 21 + 10];
    expect(image.hexAt(x, y)).toBe(kernel[at] > 0 ? '#b2182b' : '#2166ac');

    const stored: FilterNormsFile = JSON.parse(files.get(filters.norms)!.bytes as string);
    expect(stored.layers.map((l) => [l.layer, l.kernelShape, l.norms.length])).toEqual([['conv2d_1', [3, 3, 32, 64], 64], ['conv2d_2', [3, 3, 64, 128], 128]]);
    for (const { layer, norms: got } of stored.layers) {
      norms(model, layer).forEach((n, i) => expect(got[i]).toBeCloseTo(n, 5));
    }
    expect(files.get(filters.norms)!.entry).toMatchObject({ kind: 'filter-norms', meta: { layers: ['conv2d_1', 'conv2d_2'] } });
  });

  it('names the layers it has when asked for a missing one, and refuses a layer without a conv kernel', () => {
    const model = createModel({ seed: 5 });
    expect(() => readKernel(model, 'conv2d_9')).toThrow("filters: the model has no layer named 'conv2d_9'; its layers are conv2d, max_pooling2d,");
    expect(() => readKernel(model, 'flatten')).toThrow("filters: layer 'flatten' has no 4-D conv kernel");
    expect(() => readKernel(model, 'dense')).toThrow("filters: layer 'dense' has no 4-D conv kernel");
  });
});
