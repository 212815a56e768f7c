import type { ChainLayer, KerasChain } from './kerasConfig';
import { ModelFileError, type Json } from './modelFileError';

/** A weight a layer's configuration calls for, in Keras's saving order. */
export interface ExpectedWeight {
  /** kernel, bias, gamma, beta, moving_mean, moving_variance */
  role: string;
  shape: number[];
}

export interface ShapedLayer extends ChainLayer {
  inputShape: number[];
  outputShape: number[];
  weights: ExpectedWeight[];
}

const pair = (v: Json | undefined, fallback: number): [number, number] => {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2) return [Number(v[0]), Number(v[1])];
  return [fallback, fallback];
};

/** Output length of a window sliding over n positions (Keras's conv_output_length). */
function windowed(n: number, size: number, stride: number, padding: string, dilation = 1): number {
  if (padding === 'same') return Math.ceil(n / stride);
  return Math.floor((n - (size - 1) * dilation - 1) / stride) + 1;
}

function zeroPadding(v: Json | undefined): [[number, number], [number, number]] {
  if (typeof v === 'number') return [[v, v], [v, v]];
  if (Array.isArray(v) && v.length === 2) {
    const side = (s: Json) => (typeof s === 'number' ? ([s, s] as [number, number]) : ([Number((s as Json[])[0]), Number((s as Json[])[1])] as [number, number]));
    return [side(v[0]), side(v[1])];
  }
  return [[1, 1], [1, 1]];
}

/** The output shape and weight shapes of one layer, from its configuration and input shape alone. */
function shapeLayer(layer: ChainLayer, input: number[], file: string): { outputShape: number[]; weights: ExpectedWeight[] } {
  const c = layer.config;
  const last = input[input.length - 1];
  const refuse = (why: string) => new ModelFileError(`${file}: layer "${layer.name}" (${layer.className}) ${why}; check the model's input shape and layers.`);
  const needImage = () => {
    if (input.length !== 3) throw refuse(`needs an image input [height, width, channels], got [${input.join(', ')}]`);
  };
  switch (layer.className) {
    case 'Conv2D': {
      needImage();
      const [kh, kw] = pair(c.kernel_size, 1);
      const [sh, sw] = pair(c.strides, 1);
      const [dh, dw] = pair(c.dilation_rate, 1);
      const padding = String(c.padding ?? 'valid');
      const filters = Number(c.filters);
      const weights: ExpectedWeight[] = [{ role: 'kernel', shape: [kh, kw, last, filters] }];
      if (c.use_bias !== false) weights.push({ role: 'bias', shape: [filters] });
      return { outputShape: [windowed(input[0], kh, sh, padding, dh), windowed(input[1], kw, sw, padding, dw), filters], weights };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      needImage();
      const [ph, pw] = pair(c.pool_size, 2);
      const [sh, sw] = c.strides == null ? [ph, pw] : pair(c.strides, ph);
      const padding = String(c.padding ?? 'valid');
      return { outputShape: [windowed(input[0], ph, sh, padding), windowed(input[1], pw, sw, padding), last], weights: [] };
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      needImage();
      return { outputShape: [last], weights: [] };
    case 'ZeroPadding2D': {
      needImage();
      const [[t, b], [l, r]] = zeroPadding(c.padding);
      return { outputShape: [input[0] + t + b, input[1] + l + r, last], weights: [] };
    }
    case 'BatchNormalization': {
      const weights: ExpectedWeight[] = [];
      if (c.scale !== false) weights.push({ role: 'gamma', shape: [last] });
      if (c.center !== false) weights.push({ role: 'beta', shape: [last] });
      weights.push({ role: 'moving_mean', shape: [last] }, { role: 'moving_variance', shape: [last] });
      return { outputShape: input, weights };
    }
    case 'Dense': {
      const units = Number(c.units);
      const weights: ExpectedWeight[] = [{ role: 'kernel', shape: [last, units] }];
      if (c.use_bias !== false) weights.push({ role: 'bias', shape: [units] });
      return { outputShape: [...input.slice(0, -1), units], weights };
    }
    case 'Flatten':
      return { outputShape: [input.reduce((a, b) => a * b, 1)], weights: [] };
    case 'Reshape': {
      const target = (Array.isArray(c.target_shape) ? c.target_shape : []).map(Number);
      const size = input.reduce((a, b) => a * b, 1);
      const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
      const out = target.map((d) => (d === -1 ? size / known : d));
      if (out.reduce((a, b) => a * b, 1) !== size || out.some((d) => !Number.isInteger(d))) throw refuse(`cannot reshape [${input.join(', ')}] to [${target.join(', ')}]`);
      return { outputShape: out, weights: [] };
    }
    default:
      // InputLayer, Dropout, Activation, ReLU, LeakyReLU, Softmax, Rescaling: the shape passes through.
      return { outputShape: input, weights: [] };
  }
}

/**
 * Every layer's input, output and weight shapes, inferred from the configuration before any tensor
 * exists, so the file's weights can be checked against them first.
 */
export function shapeChain(chain: KerasChain, file: string): ShapedLayer[] {
  let shape = chain.batchInputShape.slice(1) as number[];
  return chain.layers.map((layer) => {
    const { outputShape, weights } = shapeLayer(layer, shape, file);
    if (outputShape.some((d) => !Number.isFinite(d) || d <= 0)) {
      throw new ModelFileError(`${file}: layer "${layer.name}" (${layer.className}) would output shape [${outputShape.join(', ')}] from input [${shape.join(', ')}]; the input is too small for this layer.`);
    }
    const shaped = { ...layer, inputShape: shape, outputShape, weights };
    shape = outputShape;
    return shaped;
  });
}
