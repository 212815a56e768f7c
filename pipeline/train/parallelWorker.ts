import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '../backend/selectBackend';
import { addonInUse } from '../backend/onednn/loadOnednn';
import { adamLoopOf, adamStep, createAdamState, KERAS_ADAM } from './parallelAdam';
import { startKernelClock } from './kernelClock';
import { serveWhileBusy } from './doorbell';
import { trainingApply } from './trainingApply';
import type { FromWorker, ToWorker, WorkerInit } from './parallelProtocol';
import { seedMathRandom } from './random';
import { applyLogits } from '../model/logits';
import { inputOf } from '../model/inputTensor';
import { batchAccuracy, sparseCategoricalCrossentropyFromLogits } from './stepper';

/** Back to the event loop when no request came for this long (between epochs, after training). */
const IDLE_MS = 100;

/**
 * One data-parallel training replica: its own TF.js engine and wasm instance, its own copy of
 * the model and of the Adam state. It computes gradients on its shard of each batch; after the
 * main thread averages them, every replica applies the same update to the same weights, so the
 * replicas stay identical without ever copying weights.
 */
async function main(port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  const send = (message: FromWorker) => port.postMessage(message);
  try {
    const info = await selectBackend(init.backend, () => {});
    const kernelClock = startKernelClock(tf.getBackend());
    seedMathRandom(init.seed + init.index);
    const model = await tfl.models.modelFromJSON({ modelTopology: init.modelTopology } as never);
    model.setWeights(init.weights.map((w) => tf.tensor(w.values, w.shape)));
    const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
    const sizes = vars.map((v) => v.size);
    const total = sizes.reduce((a, b) => a + b, 0);
    const own = new Float32Array(init.ownGradients);
    const averaged = new Float32Array(init.averagedGradients);
    if (own.length !== total) throw new Error(`gradient buffer holds ${own.length} floats, model has ${total} parameters`);
    // Adam runs on a flat copy of the weights (one loop, not ~100 small kernels); the
    // variables receive the new values. Same arithmetic as tf.train.adam with Keras defaults.
    const adamConfig = { learningRate: init.learningRate, ...KERAS_ADAM };
    const adam = createAdamState(total, adamConfig);
    // The addon's loop when this worker runs the oneDNN kernels.
    const addon = addonInUse(info);
    const adamUpdate = adamLoopOf(addon);
    // Convolutions with their bias and ReLU as one kernel, dropout's masks from the addon: the same numbers as TF.js's own.
    const applyLayer = trainingApply(addon);
    const flatWeights = new Float32Array(total);
    for (let i = 0, offset = 0; i < vars.length; offset += sizes[i], i++) {
      flatWeights.set(vars[i].dataSync() as Float32Array, offset);
    }

    const applyAveraged = () => {
      adamStep(adam, flatWeights, averaged, adamConfig, adamUpdate);
      let offset = 0;
      vars.forEach((v, i) => {
        tf.tidy(() => v.assign(tf.tensor(flatWeights.subarray(offset, offset + sizes[i]), v.shape)));
        offset += sizes[i];
      });
    };

    const gradients = (xs: Float32Array, labels: Int32Array, size: number) => {
      let correct: tf.Scalar | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const { height, width, channels } = inputOf(model);
        const x = tf.tensor4d(xs, [size, height, width, channels]);
        const y = tf.tensor1d(labels, 'int32');
        const logits = applyLogits(model, x, true, undefined, applyLayer);
        correct = tf.keep(tf.mul(batchAccuracy(y, logits), size) as tf.Scalar);
        return sparseCategoricalCrossentropyFromLogits(y, logits);
      }, vars);
      const copyStart = performance.now();
      let offset = 0;
      vars.forEach((v, i) => {
        own.set(grads[v.name].dataSync() as Float32Array, offset);
        offset += sizes[i];
      });
      const lossMean = value.dataSync()[0];
      const correctCount = correct!.dataSync()[0];
      tf.dispose([value, correct!, ...Object.values(grads)]);
      return { lossSum: lossMean * size, correct: Math.round(correctCount), size, copyMs: performance.now() - copyStart };
    };

    const handle = (message: ToWorker) => {
      try {
        const start = performance.now();
        const kernelsBefore = kernelClock.elapsedMs();
        if (message.applyPending) applyAveraged();
        const updateMs = performance.now() - start;
        if (message.type === 'gradients') {
          const result = gradients(message.xs, message.labels, message.size);
          const kernelMs = kernelClock.elapsedMs() - kernelsBefore;
          send({ type: 'gradients', ...result, computeMs: performance.now() - start, startedAt: performance.timeOrigin + start, kernelMs, updateMs, tensors: tf.memory().numTensors });
        } else if (message.type === 'weights') {
          const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
          send({ type: 'weights', weights });
        } else {
          send({ type: 'applied' });
        }
      } catch (error) {
        send(errorMessage(error));
      }
    };
    const doorbells = new Int32Array(init.doorbells);
    port.on('message', (message: ToWorker) => {
      handle(message);
      // While training, wait for the next request on the doorbell: quicker than the event loop.
      serveWhileBusy(port, doorbells, init.index, handle as (message: unknown) => void, IDLE_MS);
    });
    send({ type: 'ready', parameterCount: total, backendDescription: info.description });
  } catch (error) {
    send(errorMessage(error));
  }
}

function errorMessage(error: unknown): FromWorker {
  return error instanceof Error
    ? { type: 'error', message: error.message, stack: error.stack }
    : { type: 'error', message: String(error) };
}

if (parentPort == null) throw new Error('parallelWorker.ts must run as a worker thread (started by createParallelStepper).');
await main(parentPort, workerData as WorkerInit);
