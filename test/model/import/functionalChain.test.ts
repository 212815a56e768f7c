import { describe, expect, it } from 'vitest';
import { functionalChain } from '../../../pipeline/model/import/functionalChain';

/** A Keras 2 functional layer entry: inbound_nodes [[[name, 0, 0, {}], …]]. */
const layer = (name: string, cls: string, ...from: string[]) => ({ class_name: cls, name, config: { name }, inbound_nodes: from.length ? [from.map((f) => [f, 0, 0, {}])] : [] });

describe('functionalChain', () => {
  it('orders a Keras 2 single chain from its input to its output', () => {
    const cfg = { layers: [layer('d', 'Dense', 'f'), layer('in', 'InputLayer'), layer('f', 'Flatten', 'in')], input_layers: [['in', 0, 0]], output_layers: [['d', 0, 0]] };
    expect(functionalChain(cfg, 'm.h5').map((l) => l.name)).toEqual(['in', 'f', 'd']);
  });

  it('refuses a merge, naming the layer and its inputs', () => {
    const cfg = { layers: [layer('in', 'InputLayer'), layer('a', 'Dense', 'in'), layer('b', 'Dense', 'in'), layer('add', 'Add', 'a', 'b')], input_layers: [['in', 0, 0]], output_layers: [['add', 0, 0]] };
    expect(() => functionalChain(cfg, 'm.h5')).toThrow(/m\.h5: the functional model is not a single chain of layers \(layer "add" takes 2 inputs: a, b\)/);
  });

  it('refuses a branch, naming the layer that feeds two', () => {
    const cfg = { layers: [layer('in', 'InputLayer'), layer('a', 'Dense', 'in'), layer('b', 'Dense', 'in')], input_layers: [['in', 0, 0]], output_layers: [['a', 0, 0]] };
    expect(() => functionalChain(cfg, 'm.h5')).toThrow(/layer "in" feeds both "a" and "b"/);
  });

  it('refuses two inputs or two outputs', () => {
    const cfg = { layers: [layer('x', 'InputLayer'), layer('y', 'InputLayer')], input_layers: [['x', 0, 0], ['y', 0, 0]], output_layers: [['x', 0, 0]] };
    expect(() => functionalChain(cfg, 'm.h5')).toThrow(/it has 2 inputs: x, y/);
  });

  it('refuses a shared layer called twice', () => {
    const shared = { ...layer('s', 'Dense'), inbound_nodes: [[['in', 0, 0, {}]], [['s', 0, 0, {}]]] };
    const cfg = { layers: [layer('in', 'InputLayer'), shared], input_layers: [['in', 0, 0]], output_layers: [['s', 1, 0]] };
    expect(() => functionalChain(cfg, 'm.h5')).toThrow(/layer "s" is called 2 times/);
  });
});
