// The description of a model imported from a file, for fake artifacts: the real Keras 2.10 file in
// /work/shared/keras-models (keras2.10-sequential-activations.h5, saved as mnist_cnn.h5) as its layers read,
// described by the same rule the pipeline uses (describeLayers), so its roles are not made up here.
import { describeLayers, type DescribedLayer, type ModelDescription } from '../../pipeline/model/description';

const conv = (name: string, filters: number, side: number, params: number): DescribedLayer => ({
  name, type: 'Conv2D', outputShape: [side, side, filters], params, filters, kernelSize: [5, 5], strides: [1, 1], padding: 'same', activation: 'linear',
});

const LAYERS: DescribedLayer[] = [
  conv('conv2d', 16, 28, 416),
  { name: 'activation', type: 'Activation', outputShape: [28, 28, 16], params: 0, activation: 'relu' },
  { name: 'max_pooling2d', type: 'MaxPooling2D', outputShape: [14, 14, 16], params: 0 },
  conv('conv2d_1', 36, 14, 14436),
  { name: 'activation_1', type: 'Activation', outputShape: [14, 14, 36], params: 0, activation: 'relu' },
  { name: 'max_pooling2d_1', type: 'MaxPooling2D', outputShape: [7, 7, 36], params: 0 },
  { name: 'dropout', type: 'Dropout', outputShape: [7, 7, 36], params: 0, rate: 0.25 },
  { name: 'flatten', type: 'Flatten', outputShape: [1764], params: 0 },
  { name: 'dense', type: 'Dense', outputShape: [128], params: 225920, units: 128, activation: 'relu' },
  { name: 'dropout_1', type: 'Dropout', outputShape: [128], params: 0, rate: 0.5 },
  { name: 'dense_1', type: 'Dense', outputShape: [10], params: 1290, units: 10, activation: 'softmax' },
];

export const IMPORTED_DESCRIPTION: ModelDescription = describeLayers(
  LAYERS,
  { height: 28, width: 28, channels: 1, scale: 'unit' },
  {
    kind: 'imported', file: 'mnist_cnn.h5', format: 'h5', kerasVersion: '2.10.0', optimizer: 'Adam', loss: 'categorical_crossentropy',
    sha256: '5632f6db74518e4b66eda8b58916bd20e737e7b54f60e44105ca8ef7624369b2',
  },
);
