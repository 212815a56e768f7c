// The tutorial network's model description as data, for test fixtures (fake manifests) that must not load
// TensorFlow. test/model/describeModel.test.ts checks it equals describeModel(createModel()).
import type { ModelDescription } from '../../pipeline/model/description';

export const TUTORIAL_DESCRIPTION: ModelDescription = {
  source: {
    kind: 'tutorial'
  },
  input: {
    height: 28,
    width: 28,
    channels: 1,
    scale: 'unit'
  },
  classes: 10,
  layers: [
    {
      name: 'conv2d',
      type: 'Conv2D',
      outputShape: [
        26,
        26,
        32
      ],
      params: 320,
      activation: 'relu',
      filters: 32,
      kernelSize: [
        3,
        3
      ],
      strides: [
        1,
        1
      ],
      padding: 'valid'
    },
    {
      name: 'max_pooling2d',
      type: 'MaxPooling2D',
      outputShape: [
        13,
        13,
        32
      ],
      params: 0
    },
    {
      name: 'dropout',
      type: 'Dropout',
      outputShape: [
        13,
        13,
        32
      ],
      params: 0,
      rate: 0.3
    },
    {
      name: 'conv2d_1',
      type: 'Conv2D',
      outputShape: [
        11,
        11,
        64
      ],
      params: 18496,
      activation: 'relu',
      filters: 64,
      kernelSize: [
        3,
        3
      ],
      strides: [
        1,
        1
      ],
      padding: 'valid'
    },
    {
      name: 'max_pooling2d_1',
      type: 'MaxPooling2D',
      outputShape: [
        5,
        5,
        64
      ],
      params: 0
    },
    {
      name: 'dropout_1',
      type: 'Dropout',
      outputShape: [
        5,
        5,
        64
      ],
      params: 0,
      rate: 0.3
    },
    {
      name: 'conv2d_2',
      type: 'Conv2D',
      outputShape: [
        3,
        3,
        128
      ],
      params: 73856,
      activation: 'relu',
      filters: 128,
      kernelSize: [
        3,
        3
      ],
      strides: [
        1,
        1
      ],
      padding: 'valid'
    },
    {
      name: 'max_pooling2d_2',
      type: 'MaxPooling2D',
      outputShape: [
        1,
        1,
        128
      ],
      params: 0
    },
    {
      name: 'dropout_2',
      type: 'Dropout',
      outputShape: [
        1,
        1,
        128
      ],
      params: 0,
      rate: 0.3
    },
    {
      name: 'flatten',
      type: 'Flatten',
      outputShape: [
        128
      ],
      params: 0
    },
    {
      name: 'dense',
      type: 'Dense',
      outputShape: [
        128
      ],
      params: 16512,
      activation: 'relu',
      units: 128
    },
    {
      name: 'dense_1',
      type: 'Dense',
      outputShape: [
        10
      ],
      params: 1290,
      activation: 'softmax',
      units: 10
    }
  ],
  totalParams: 110474,
  visualized: [
    'conv2d',
    'max_pooling2d',
    'dropout',
    'conv2d_1',
    'max_pooling2d_1',
    'dropout_1',
    'conv2d_2',
    'max_pooling2d_2'
  ],
  convolutions: [
    'conv2d',
    'conv2d_1',
    'conv2d_2'
  ],
  gradCam: [
    'conv2d_2',
    'conv2d_1'
  ],
  weighted: [
    'conv2d',
    'conv2d_1',
    'conv2d_2',
    'dense',
    'dense_1'
  ],
  firstConvolution: 'conv2d',
  embedding: 'dense',
  logitLayer: 'dense_1',
  softmax: 'dense'
};
