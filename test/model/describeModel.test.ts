import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { createModel, VISUALIZED_LAYERS } from '../../pipeline/model/createModel';
import { describeModel } from '../../pipeline/model/describeModel';

describe('describeModel', () => {
  it('describes the tutorial network with its own eight visualized layers and its 110,474 parameters', () => {
    const model = createModel({ seed: 1 });
    const d = describeModel(model, { kind: 'tutorial' });
    expect(d.visualized).toEqual([...VISUALIZED_LAYERS]);
    expect(d.totalParams).toBe(110474);
    expect(d.input).toEqual({ height: 28, width: 28, channels: 1, scale: 'unit' });
    expect(d.convolutions).toEqual(['conv2d', 'conv2d_1', 'conv2d_2']);
    expect(d.gradCam).toEqual(['conv2d_2', 'conv2d_1']);
    expect(d.embedding).toBe('dense');
    expect(d.layers.find((l) => l.name === 'conv2d_1')).toMatchObject({ type: 'Conv2D', filters: 64, kernelSize: [3, 3], outputShape: [11, 11, 64], activation: 'relu' });
    expect(d.layers.find((l) => l.name === 'dropout')?.rate).toBe(0.3);
    model.dispose();
  });
});

describe('the tutorial description fixture', () => {
  it('equals what describeModel says of the tutorial network, so fake manifests cannot drift from it', async () => {
    const { TUTORIAL_DESCRIPTION } = await import('./tutorialDescription');
    const model = createModel({ seed: 3 });
    expect(describeModel(model, { kind: 'tutorial' })).toEqual(TUTORIAL_DESCRIPTION);
    model.dispose();
  });
});
