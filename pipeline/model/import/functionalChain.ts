import { ModelFileError, isObject, type Json, type JsonObject } from './modelFileError';

/** Names of the layers feeding each call ("node") of a layer, in Keras 2 and Keras 3 forms. */
function inboundNodes(layer: JsonObject): string[][] {
  const nodes = Array.isArray(layer.inbound_nodes) ? layer.inbound_nodes : [];
  return nodes.map((node) => {
    const names: string[] = [];
    // Keras 3: {args: [...], kwargs: {...}} with {class_name: '__keras_tensor__', config: {keras_history: [name, node, tensor]}}.
    const visit = (v: Json): void => {
      if (Array.isArray(v)) {
        // Keras 2: [name, nodeIndex, tensorIndex, kwargs]
        if (typeof v[0] === 'string' && typeof v[1] === 'number') names.push(v[0]);
        else v.forEach(visit);
      } else if (isObject(v)) {
        if (v.class_name === '__keras_tensor__' && isObject(v.config) && Array.isArray(v.config.keras_history)) {
          names.push(String(v.config.keras_history[0]));
        } else Object.values(v).forEach(visit);
      }
    };
    visit(node);
    return names;
  });
}

/** `input_layers` / `output_layers`: [name, 0, 0] (Keras 3, one tensor) or [[name, 0, 0], …]. */
function endpointNames(v: Json | undefined): string[] {
  if (!Array.isArray(v)) return [];
  if (typeof v[0] === 'string') return [v[0]];
  return v.filter(Array.isArray).map((e) => String((e as Json[])[0]));
}

const layerName = (l: JsonObject) => String(l.name ?? (isObject(l.config) ? l.config.name : ''));

/**
 * The layers of a functional model in call order, when the graph is a single chain from one input
 * to one output; any branch, merge, shared layer or second input/output is refused by name.
 */
export function functionalChain(config: JsonObject, file: string): JsonObject[] {
  const layers = (Array.isArray(config.layers) ? config.layers : []).filter(isObject);
  const byName = new Map(layers.map((l) => [layerName(l), l]));
  const inputs = endpointNames(config.input_layers);
  const outputs = endpointNames(config.output_layers);
  const refuse = (why: string) => new ModelFileError(`${file}: the functional model is not a single chain of layers (${why}); only a linear stack (Sequential, or a functional model where each layer feeds the next) is supported. Rebuild it as a Sequential model.`);
  if (inputs.length !== 1) throw refuse(`it has ${inputs.length} inputs: ${inputs.join(', ')}`);
  if (outputs.length !== 1) throw refuse(`it has ${outputs.length} outputs: ${outputs.join(', ')}`);
  // Merges and shared layers first (they name the layer that makes the graph branch), then fan-outs.
  const feeds: [string, string][] = [];
  for (const layer of layers) {
    const name = layerName(layer);
    if (name === inputs[0]) continue;
    const nodes = inboundNodes(layer);
    if (nodes.length !== 1) throw refuse(`layer "${name}" is called ${nodes.length} times`);
    if (nodes[0].length !== 1) throw refuse(`layer "${name}" takes ${nodes[0].length} inputs: ${nodes[0].join(', ')}`);
    feeds.push([nodes[0][0], name]);
  }
  const next = new Map<string, string>();
  for (const [from, to] of feeds) {
    if (next.has(from)) throw refuse(`layer "${from}" feeds both "${next.get(from)}" and "${to}"`);
    next.set(from, to);
  }
  const chain: JsonObject[] = [];
  for (let at: string | undefined = inputs[0]; at !== undefined; at = next.get(at)) {
    const layer = byName.get(at);
    if (!layer) throw refuse(`layer "${at}" is referenced but not defined`);
    chain.push(layer);
  }
  if (chain.length !== layers.length || layerName(chain[chain.length - 1]) !== outputs[0]) {
    throw refuse(`the path from "${inputs[0]}" to "${outputs[0]}" does not pass through every layer`);
  }
  return chain;
}
