import type { ApplyLayer } from '../model/logits';

type Layer = Parameters<ApplyLayer>[0];

/**
 * What `read` derives from a layer's config, computed once per layer: the config does not change,
 * and getConfig() builds it anew on every call, which a training step would pay for each layer.
 */
export function perLayer<T>(read: (config: Record<string, unknown>) => T): (layer: Layer) => T {
  const values = new WeakMap<Layer, { value: T }>();
  return (layer) => {
    let entry = values.get(layer);
    if (entry === undefined) values.set(layer, (entry = { value: read(layer.getConfig() as Record<string, unknown>) }));
    return entry.value;
  };
}
