import { describe, expect, it } from 'vitest';
import { kerasChain } from '../../../pipeline/model/import/kerasConfig';
import { keras2Config, keras3Config } from './kerasFixtures';

describe('kerasChain', () => {
  it('passes a Keras 2 Sequential configuration through as tfjs reads it', () => {
    const chain = kerasChain(keras2Config(), 'a.h5');
    expect(chain.layers.map((l) => `${l.className}:${l.name}`)).toEqual(['InputLayer:conv2d_input', 'Conv2D:conv2d', 'MaxPooling2D:max_pooling2d', 'Flatten:flatten', 'Dense:dense']);
    expect(chain.batchInputShape).toEqual([null, 8, 8, 1]);
    expect(chain.layers[0].config.batch_input_shape).toEqual([null, 8, 8, 1]);
  });

  it('translates a Keras 3 configuration: batch_shape, dtype policies, module/registered_name/build_config, L2 regularizers', () => {
    const chain = kerasChain(keras3Config(), 'a.keras');
    const [input, conv, , , dense] = chain.layers;
    expect(input.config.batch_input_shape).toEqual([null, 8, 8, 1]);
    expect(input.config).not.toHaveProperty('batch_shape');
    expect(input.config).not.toHaveProperty('optional');
    expect(conv.config.dtype).toBe('float32');
    expect(conv.config.kernel_initializer).toEqual({ class_name: 'GlorotUniform', config: { seed: null } });
    expect(conv.config.kernel_regularizer).toEqual({ class_name: 'L1L2', config: { l1: 0, l2: 0.001 } });
    expect(JSON.stringify(chain)).not.toMatch(/"module"|registered_name|build_config|lora_rank/);
    expect(dense.config.activation).toBe('softmax');
  });

  it('reads a Keras 2.0-style Sequential whose config is the layer list and whose first layer carries the input shape', () => {
    const old = { class_name: 'Sequential', config: [{ class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: [3, 3], batch_input_shape: [null, 28, 28, 1], activation: 'relu' } }, { class_name: 'Flatten', config: { name: 'f' } }] };
    const chain = kerasChain(old, 'old.h5');
    expect(chain.batchInputShape).toEqual([null, 28, 28, 1]);
    expect(chain.layers.map((l) => l.name)).toEqual(['c', 'f']);
  });

  it('takes the input shape from build_input_shape when no layer carries one', () => {
    const cfg = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Flatten', config: { name: 'f' } }], build_input_shape: [null, 6, 6, 3] } };
    const chain = kerasChain(cfg, 'x.json');
    expect(chain.layers[0].config.batch_input_shape).toEqual([null, 6, 6, 3]);
  });

  it('maps LeakyReLU negative_slope (Keras 3) to alpha and hard_sigmoid to tfjs\'s name', () => {
    const cfg = keras2Config([
      { class_name: 'LeakyReLU', config: { name: 'leaky', negative_slope: 0.1 } },
      { class_name: 'Activation', config: { name: 'act', activation: 'hard_sigmoid' } },
    ]);
    const chain = kerasChain(cfg, 'a.h5');
    expect(chain.layers.find((l) => l.name === 'leaky')!.config).toMatchObject({ alpha: 0.1 });
    expect(chain.layers.find((l) => l.name === 'act')!.config.activation).toBe('hardSigmoid');
  });

  it('refuses a model without a fixed image input shape, saying how to give one', () => {
    const cfg = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 3 } }] } };
    expect(() => kerasChain(cfg, 'x.json')).toThrow(/x\.json: the model's input shape is not recorded; .*keras\.Input/);
  });

  it('refuses channels_first, grouped convolutions and per-channel Rescaling by layer name', () => {
    expect(() => kerasChain(keras2Config([{ class_name: 'Conv2D', config: { name: 'cf', filters: 2, kernel_size: 3, data_format: 'channels_first' } }]), 'a.h5')).toThrow(/layer "cf" \(Conv2D\) uses data_format "channels_first"/);
    expect(() => kerasChain(keras2Config([{ class_name: 'Conv2D', config: { name: 'g', filters: 2, kernel_size: 3, groups: 2 } }]), 'a.h5')).toThrow(/layer "g" \(Conv2D\) is a grouped convolution/);
    expect(() => kerasChain(keras2Config([{ class_name: 'Rescaling', config: { name: 'r', scale: [1, 2] } }]), 'a.h5')).toThrow(/layer "r" \(Rescaling\) has per-channel scale/);
  });

  it('refuses a nested model and duplicate layer names', () => {
    expect(() => kerasChain({ class_name: 'MyModel', config: {} }, 'm.h5')).toThrow(/m\.h5: the model is a MyModel/);
    const dup = keras2Config([{ class_name: 'Dropout', config: { name: 'flatten', rate: 0.1 } }]);
    expect(() => kerasChain(dup, 'd.h5')).toThrow(/two layers are named "flatten"/);
  });

  it('reads a single-chain functional model (Keras 3 form) as the layers in call order', () => {
    const tensor = (name: string) => ({ class_name: '__keras_tensor__', config: { shape: [null], dtype: 'float32', keras_history: [name, 0, 0] } });
    const cfg = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: 'functional',
        layers: [
          { module: 'keras.layers', class_name: 'Flatten', config: { name: 'flat' }, name: 'flat', inbound_nodes: [{ args: [tensor('in')], kwargs: {} }] },
          { module: 'keras.layers', class_name: 'InputLayer', config: { name: 'in', batch_shape: [null, 4, 4, 1] }, name: 'in', inbound_nodes: [] },
          { module: 'keras.layers', class_name: 'Dense', config: { name: 'out', units: 2 }, name: 'out', inbound_nodes: [{ args: [tensor('flat')], kwargs: {} }] },
        ],
        input_layers: [['in', 0, 0]],
        output_layers: ['out', 0, 0],
      },
    };
    expect(kerasChain(cfg, 'f.keras').layers.map((l) => l.name)).toEqual(['in', 'flat', 'out']);
  });

  it('drops keys that would reach a prototype (a JSON "__proto__" stays data, never an object\'s prototype)', () => {
    const cfg = JSON.parse('{"class_name":"Sequential","config":{"layers":[{"class_name":"InputLayer","config":{"name":"in","batch_input_shape":[null,4,4,1],"__proto__":{"polluted":true}}}]}}');
    const [input] = kerasChain(cfg, 'p.json').layers;
    expect(Object.getPrototypeOf(input.config)).toBe(Object.prototype);
    expect((input.config as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads Keras 3 serialized tuples as lists', () => {
    const tuple = (...value: unknown[]) => ({ class_name: '__tuple__', config: { value } });
    const cfg = keras2Config([{ class_name: 'ZeroPadding2D', config: { name: 'pad', padding: tuple(tuple(1, 1), tuple(2, 2)) } }]);
    expect(kerasChain(cfg, 'a.keras').layers.find((l) => l.name === 'pad')!.config.padding).toEqual([[1, 1], [2, 2]]);
  });
});
