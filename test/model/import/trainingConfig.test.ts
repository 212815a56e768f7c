import { describe, expect, it } from 'vitest';
import { optimizerAndLoss } from '../../../pipeline/model/import/trainingConfig';

describe('optimizerAndLoss', () => {
  it('reads Keras 2 training_config, Keras 3 compile_config and TF.js names, names only', () => {
    expect(optimizerAndLoss({ loss: 'categorical_crossentropy', optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } } })).toEqual({ optimizer: 'Adam', loss: 'categorical_crossentropy' });
    expect(optimizerAndLoss({ optimizer: { module: 'keras.optimizers', class_name: 'SGD', config: {} }, loss: { class_name: 'SparseCategoricalCrossentropy', config: {} } })).toEqual({ optimizer: 'SGD', loss: 'SparseCategoricalCrossentropy' });
    expect(optimizerAndLoss({ optimizer: 'rmsprop', loss: { dense_1: 'categorical_crossentropy' } })).toEqual({ optimizer: 'rmsprop', loss: 'categorical_crossentropy' });
    expect(optimizerAndLoss({ optimizer_config: { class_name: 'Custom>Adam' } })).toEqual({ optimizer: 'Adam', loss: null });
  });

  it('gives nulls when the file records no training', () => {
    expect(optimizerAndLoss(null)).toEqual({ optimizer: null, loss: null });
  });
});
