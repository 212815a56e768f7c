import { describe, expect, it } from 'vitest';
import { checkLayerEntry, SUPPORTED_LAYERS } from '../../../pipeline/model/import/vocabulary';

describe('checkLayerEntry', () => {
  it('accepts every class of the vocabulary, in Keras 2 and Keras 3 form', () => {
    for (const cls of SUPPORTED_LAYERS) {
      expect(() => checkLayerEntry({ class_name: cls, config: { name: 'x' } }, 0, 'a.h5')).not.toThrow();
      expect(() => checkLayerEntry({ module: 'keras.layers', class_name: cls, config: { name: 'x' }, registered_name: null }, 0, 'a.keras')).not.toThrow();
    }
  });

  it('refuses a Lambda layer by name and class, listing the supported layers', () => {
    expect(() => checkLayerEntry({ class_name: 'Lambda', config: { name: 'my_lambda', function: 'base64 bytecode' } }, 2, 'a.h5')).toThrow(
      /a\.h5: layer "my_lambda" \(class Lambda\) is a Lambda layer.*supported layers: InputLayer, Conv2D, .*Dense/,
    );
  });

  it('refuses classes outside the vocabulary, custom modules and registered custom names', () => {
    expect(() => checkLayerEntry({ class_name: 'LSTM', config: { name: 'lstm' } }, 0, 'a.h5')).toThrow(/layer "lstm" \(class LSTM\) is not in the layer vocabulary/);
    expect(() => checkLayerEntry({ module: 'mylib', class_name: 'Dense', config: { name: 'd' } }, 0, 'a.keras')).toThrow(/comes from module "mylib"/);
    expect(() => checkLayerEntry({ class_name: 'Dense', config: { name: 'd' }, registered_name: 'Custom>Dense' }, 0, 'a.keras')).toThrow(/registered custom class \("Custom>Dense"\)/);
  });

  it('refuses a supported class whose configuration carries a function, and a custom activation', () => {
    const act = { module: 'builtins', class_name: 'function', config: 'my_act', registered_name: 'function' };
    expect(() => checkLayerEntry({ class_name: 'Dense', config: { name: 'd', activation: act } }, 0, 'a.keras')).toThrow(/carries a function/);
    expect(() => checkLayerEntry({ class_name: 'Dense', config: { name: 'd', activation: 'my_act' } }, 0, 'a.h5')).toThrow(/layer "d" \(class Dense\) uses activation "my_act", which is not supported/);
  });

  it('refuses an entry that is not a layer', () => {
    expect(() => checkLayerEntry(42, 3, 'a.json')).toThrow(/a\.json: layer 4 is not a Keras layer entry/);
  });
});
