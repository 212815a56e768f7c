import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { it } from 'vitest';

function models(): Record<string, tfl.Sequential> {
  const A = tfl.sequential();
  A.add(tfl.layers.rescaling({ scale: 1 / 255, offset: 0, inputShape: [28, 28, 1] }));
  A.add(tfl.layers.zeroPadding2d({ padding: 1 }));
  A.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'linear', padding: 'same' }));
  A.add(tfl.layers.batchNormalization({}));
  A.add(tfl.layers.activation({ activation: 'relu' }));
  A.add(tfl.layers.reLU({}));
  A.add(tfl.layers.leakyReLU({ alpha: 0.1 }));
  A.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  A.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  A.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, activation: 'elu' }));
  A.add(tfl.layers.dropout({ rate: 0.2 }));
  A.add(tfl.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'relu' }));
  A.add(tfl.layers.globalAveragePooling2d({}));
  A.add(tfl.layers.dense({ units: 8, activation: 'relu' }));
  A.add(tfl.layers.dense({ units: 10 }));
  A.add(tfl.layers.softmax({}));
  const B = tfl.sequential();
  B.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
  B.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }));
  B.add(tfl.layers.globalMaxPooling2d({}));
  B.add(tfl.layers.dense({ units: 10 }));
  const C = tfl.sequential();
  C.add(tfl.layers.reshape({ targetShape: [28, 28, 1], inputShape: [28, 28, 1] }));
  C.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }));
  C.add(tfl.layers.activation({ activation: 'softmax' }));
  C.add(tfl.layers.flatten({}));
  C.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  const D = tfl.sequential();
  D.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'tanh', inputShape: [28, 28, 1] }));
  D.add(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'sigmoid' }));
  D.add(tfl.layers.activation({ activation: 'relu6' }));
  D.add(tfl.layers.reLU({ maxValue: 6 }));
  D.add(tfl.layers.flatten({}));
  D.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  return { D };
}

it('profiles', async () => {
  const all = new Set<string>();
  const back = new Set<string>();
  for (const [name, m] of Object.entries(models())) {
    const x = tf.randomUniform([1, 28, 28, 1]);
    const fwd = await tf.profile(() => { const y = m.predict(x) as tf.Tensor; return y; });
    fwd.kernelNames.forEach((k) => all.add(k));
    const layers = m.layers;
    const bwd = await tf.profile(() => tf.grad((i: tf.Tensor) => { let h = i; for (const l of layers) h = l.apply(h) as tf.Tensor; return tf.sum(h); })(x));
    bwd.kernelNames.forEach((k) => back.add(k));
    console.log(name, fwd.kernelNames.join(','), '|', bwd.kernelNames.join(','));
  }
  console.log('FORWARD', [...all].sort().join(' '));
  console.log('BACKWARD', [...back].filter((k) => !all.has(k)).sort().join(' '));
}, 60000);
