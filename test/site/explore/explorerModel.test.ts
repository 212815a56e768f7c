// What the explorer reads of the model: taken from the manifest's description by the directive,
// checked again by the page's script. The tutorial's description must give the values the explorer
// used to hard-code (conv2d_1, 28×28×1, ten classes, eight layers).
import { describe, expect, it } from 'vitest';
import { describeLayers, type DescribedLayer } from '../../../pipeline/model/description';
import { checkExplorerModel, explorerGradCamLayer, explorerModel } from '../../../site/lib/explore/explorerModel';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

/** A small colour model, read as bytes, with a separate softmax layer and only one convolution. */
function colourModel() {
  const layers: DescribedLayer[] = [
    { name: 'stem', type: 'Conv2D', outputShape: [14, 16, 8], params: 224, filters: 8, kernelSize: [3, 3], activation: 'relu' },
    { name: 'pool', type: 'MaxPooling2D', outputShape: [7, 8, 8], params: 0 },
    { name: 'gap', type: 'GlobalAveragePooling2D', outputShape: [8], params: 0 },
    { name: 'scores', type: 'Dense', outputShape: [4], params: 36, units: 4, activation: 'linear' },
    { name: 'probabilities', type: 'Softmax', outputShape: [4], params: 0 },
  ];
  return describeLayers(layers, { height: 16, width: 18, channels: 3, scale: 'byte' }, { kind: 'imported', file: 'colour.keras', format: 'keras' });
}

describe('explorerGradCamLayer', () => {
  it('is the convolution before the last one, conv2d_1 for the tutorial', () => {
    expect(explorerGradCamLayer(TUTORIAL_DESCRIPTION)).toBe('conv2d_1');
    expect(explorerGradCamLayer({ gradCam: ['c3', 'c2'], convolutions: ['c1', 'c2', 'c3'] })).toBe('c2');
  });

  it('is the only convolution when there is one', () => {
    expect(explorerGradCamLayer({ gradCam: ['stem'], convolutions: ['stem'] })).toBe('stem');
  });

  it('names the convolutions when the description lists no Grad-CAM layer', () => {
    expect(() => explorerGradCamLayer({ gradCam: [], convolutions: [] })).toThrow('names no Grad-CAM layer (its convolutions: none)');
  });
});

describe('explorerModel', () => {
  it('gives the tutorial’s input, ten classes, eight layers with their shapes and the softmax in dense_1', () => {
    const m = explorerModel(TUTORIAL_DESCRIPTION);
    expect(m.input).toEqual({ height: 28, width: 28, channels: 1, scale: 'unit' });
    expect(m.classes).toBe(10);
    expect(m.layers.map((l) => l.name)).toEqual(['conv2d', 'max_pooling2d', 'dropout', 'conv2d_1', 'max_pooling2d_1', 'dropout_1', 'conv2d_2', 'max_pooling2d_2']);
    expect(m.layers[0]).toEqual({ name: 'conv2d', type: 'Conv2D', shape: [26, 26, 32] });
    expect(m.layers[7].shape).toEqual([1, 1, 128]);
    expect(m).toMatchObject({ gradCamLayer: 'conv2d_1', logitLayer: 'dense_1', softmax: 'dense' });
  });

  it('follows another model’s description: its input, classes, layers, Grad-CAM layer and softmax layer', () => {
    const m = explorerModel(colourModel());
    expect(m).toEqual({
      input: { height: 16, width: 18, channels: 3, scale: 'byte' },
      classes: 4,
      layers: [{ name: 'stem', type: 'Conv2D', shape: [14, 16, 8] }, { name: 'pool', type: 'MaxPooling2D', shape: [7, 8, 8] }],
      gradCamLayer: 'stem',
      logitLayer: 'scores',
      softmax: 'layer',
    });
  });

  it('survives the page’s JSON and its check unchanged', () => {
    const m = explorerModel(colourModel());
    expect(checkExplorerModel(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });
});

describe('checkExplorerModel', () => {
  const good = () => JSON.parse(JSON.stringify(explorerModel(TUTORIAL_DESCRIPTION))) as Record<string, unknown>;

  it.each([
    ['no model object', null],
    ['no valid input height/width/channels', { ...good(), input: { height: 28, width: 0, channels: 1, scale: 'unit' } }],
    ['input scale "raw"', { ...good(), input: { height: 28, width: 28, channels: 1, scale: 'raw' } }],
    ['class count 1', { ...good(), classes: 1 }],
    ['no layer list', { ...good(), layers: undefined }],
    ['a layer without a name and a height × width × channels shape', { ...good(), layers: [{ name: 'conv2d', shape: [26, 26] }] }],
    ['no gradCamLayer', { ...good(), gradCamLayer: '' }],
    ['no logitLayer', { ...good(), logitLayer: 3 }],
    ['softmax "sigmoid"', { ...good(), softmax: 'sigmoid' }],
  ])('refuses data with %s, saying what to do', (what, value) => {
    expect(() => checkExplorerModel(value)).toThrow(`explorer: the page's model data has ${what}`);
    expect(() => checkExplorerModel(value)).toThrow('rebuild the site from the current artifacts');
  });
});
