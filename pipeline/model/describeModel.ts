import type * as tfl from '@tensorflow/tfjs-layers';
import { describeLayers, ModelShapeError, type DescribedLayer, type ModelDescription, type ModelInput, type ModelSource } from './description';

const pair = (v: unknown): [number, number] | undefined => {
  if (typeof v === 'number') return [v, v];
  return Array.isArray(v) && v.length === 2 ? [Number(v[0]), Number(v[1])] : undefined;
};

/** One layer's facts, read from the built layer and its configuration. */
function describeLayer(layer: tfl.layers.Layer): DescribedLayer {
  const config = layer.getConfig() as Record<string, unknown>;
  const shape = (layer.outputShape as (number | null)[]).slice(1).map(Number);
  const type = layer.getClassName();
  const described: DescribedLayer = { name: layer.name, type, outputShape: shape, params: layer.countParams() };
  if (typeof config.activation === 'string') described.activation = config.activation;
  if (type === 'Conv2D') {
    described.filters = Number(config.filters);
    described.kernelSize = pair(config.kernelSize);
    described.strides = pair(config.strides);
    described.padding = String(config.padding);
  }
  if (type === 'Dense') described.units = Number(config.units);
  if (typeof config.rate === 'number') described.rate = config.rate;
  return described;
}

/**
 * The description of a built model (a stack of layers, as createModel and the importers make it).
 * `scale` is how pixels are fed to it (--input-scale).
 */
export function describeModel(model: tfl.LayersModel, source: ModelSource, scale: ModelInput['scale'] = 'unit'): ModelDescription {
  const inputShape = model.inputs[0]?.shape ?? [];
  if (inputShape.length !== 4 || inputShape.slice(1).some((d) => d === null)) {
    throw new ModelShapeError(`the model's input must be images of fixed height × width × channels, got shape [${inputShape.map((d) => d ?? 'None').join(', ')}]`);
  }
  const [, height, width, channels] = inputShape as number[];
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer').map(describeLayer);
  return describeLayers(layers, { height, width, channels, scale }, source);
}
