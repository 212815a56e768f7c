// An independent forward pass in plain loops over weight arrays, to check what TF.js computes from an
// imported model: convolution (valid or same, stride 1), ReLU, 2×2 max pooling, flatten, dense, softmax.

export type PlainLayer =
  | { kind: 'conv'; kernel: Float32Array; bias: Float32Array; size: number; filters: number; padding: 'same' | 'valid'; relu: boolean }
  | { kind: 'relu' }
  | { kind: 'maxpool' }
  | { kind: 'dense'; kernel: Float32Array; bias: Float32Array; units: number; activation: 'relu' | 'softmax' | 'linear' };

interface Maps {
  h: number;
  w: number;
  c: number;
  data: Float64Array;
}

function conv(x: Maps, l: Extract<PlainLayer, { kind: 'conv' }>): Maps {
  const pad = l.padding === 'same' ? (l.size - 1) >> 1 : 0;
  const h = l.padding === 'same' ? x.h : x.h - l.size + 1;
  const w = l.padding === 'same' ? x.w : x.w - l.size + 1;
  const out = new Float64Array(h * w * l.filters);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++)
      for (let f = 0; f < l.filters; f++) {
        let s = l.bias[f];
        for (let a = 0; a < l.size; a++) {
          const y = i + a - pad;
          if (y < 0 || y >= x.h) continue;
          for (let b = 0; b < l.size; b++) {
            const z = j + b - pad;
            if (z < 0 || z >= x.w) continue;
            for (let c = 0; c < x.c; c++) s += x.data[(y * x.w + z) * x.c + c] * l.kernel[((a * l.size + b) * x.c + c) * l.filters + f];
          }
        }
        out[(i * w + j) * l.filters + f] = l.relu ? Math.max(0, s) : s;
      }
  return { h, w, c: l.filters, data: out };
}

function maxpool(x: Maps): Maps {
  const h = Math.floor(x.h / 2);
  const w = Math.floor(x.w / 2);
  const out = new Float64Array(h * w * x.c);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++)
      for (let c = 0; c < x.c; c++) {
        let m = -Infinity;
        for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) m = Math.max(m, x.data[((2 * i + a) * x.w + 2 * j + b) * x.c + c]);
        out[(i * w + j) * x.c + c] = m;
      }
  return { h, w, c: x.c, data: out };
}

function dense(x: Float64Array, l: Extract<PlainLayer, { kind: 'dense' }>): Float64Array {
  const out = new Float64Array(l.units);
  for (let u = 0; u < l.units; u++) {
    let s = l.bias[u];
    for (let k = 0; k < x.length; k++) s += x[k] * l.kernel[k * l.units + u];
    out[u] = l.activation === 'relu' ? Math.max(0, s) : s;
  }
  if (l.activation === 'softmax') {
    const m = Math.max(...out);
    let sum = 0;
    for (let u = 0; u < out.length; u++) sum += out[u] = Math.exp(out[u] - m);
    for (let u = 0; u < out.length; u++) out[u] /= sum;
  }
  return out;
}

/** The network's output for one h × w × c image (row-major, channels last); flattening is implicit before the first dense. */
export function plainForward(layers: PlainLayer[], image: Float32Array, h: number, w: number, c: number): Float64Array {
  let x: Maps = { h, w, c, data: Float64Array.from(image) };
  for (const l of layers) {
    if (l.kind === 'conv') x = conv(x, l);
    else if (l.kind === 'relu') x = { ...x, data: x.data.map((v) => Math.max(0, v)) };
    else if (l.kind === 'maxpool') x = maxpool(x);
    else x = { h: 1, w: 1, c: l.units, data: dense(x.data, l) };
  }
  return x.data;
}

export const argmax = (v: ArrayLike<number>) => Array.prototype.indexOf.call(v, Math.max(...Array.from(v)));
