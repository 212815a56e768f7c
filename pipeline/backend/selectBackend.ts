import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { availableParallelism } from 'node:os';
import type { BackendInfo, BackendName } from '../artifacts/types';
import { loadTensorflowBinding, type TensorflowBinding } from './loadTensorflow';
import { registerWasmGradKernels } from './wasmGradKernels';
import { wasmBinaryFolder } from './wasmBinaries';

export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/**
 * Makes one backend current for TF.js and describes it. `auto` prefers the native TensorFlow
 * binding (optional dependency @tensorflow/tfjs-node) and falls back to wasm with our gradient
 * kernels; the pure-JS cpu backend is used only when asked for by name, since it is an order
 * of magnitude slower. A backend asked for by name that cannot start is an error, not a
 * silent fallback.
 */
export async function selectBackend(
  choice: BackendChoice,
  log: (line: string) => void,
  /** How the native binding is loaded; replaceable so tests can take the path where it is missing. */
  loadNative: () => Promise<TensorflowBinding> = loadTensorflowBinding,
): Promise<BackendInfo> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new Error(`Unknown backend "${String(choice)}": expected one of ${BACKEND_CHOICES.join(', ')}.`);
  }
  if (choice === 'tensorflow' || choice === 'auto') {
    const native = await loadNative();
    if (native.ok) {
      await activate('tensorflow');
      const threads = availableParallelism();
      return report(log, {
        name: 'tensorflow',
        version: native.version,
        threads,
        description: `TensorFlow native (@tensorflow/tfjs-node ${native.version}), ${threads} intra-op threads`,
      });
    }
    if (choice === 'tensorflow') {
      throw new Error(
        `Backend "tensorflow" was requested but @tensorflow/tfjs-node could not be loaded (${native.reason}). ` +
          'Install it with `npm install @tensorflow/tfjs-node@4.22.0` (it downloads the TensorFlow C library), ' +
          'or choose --backend wasm.',
      );
    }
    log(`backend: @tensorflow/tfjs-node not available (${native.reason}); using wasm`);
  }
  if (choice === 'cpu') {
    await activate('cpu');
    return report(log, {
      name: 'cpu',
      version: version_cpu,
      threads: 1,
      description: `plain JavaScript (@tensorflow/tfjs-backend-cpu ${version_cpu}), 1 thread`,
    });
  }
  return report(log, await activateWasm());
}

/** Starts the wasm backend with its binaries from node_modules and our gradient kernels. */
export async function activateWasm(): Promise<BackendInfo> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.findBackend('wasm') == null) {
    // Only before the first initialisation: the paths are read once, when the binary loads.
    wasm.setWasmPaths(wasmBinaryFolder());
  }
  await activate('wasm');
  registerWasmGradKernels();
  const threads = wasm.getThreadsCount();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return {
    name: 'wasm',
    version: wasm.version_wasm,
    threads,
    description:
      `WebAssembly${simd ? ' (SIMD)' : ''} (@tensorflow/tfjs-backend-wasm ${wasm.version_wasm}) ` +
      `with fast gradient kernels, ${threads} thread${threads === 1 ? '' : 's'}`,
  };
}

async function activate(name: BackendName): Promise<void> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`TF.js could not initialise the "${name}" backend (current backend: ${tf.getBackend()}).`);
  }
}

function report(log: (line: string) => void, info: BackendInfo): BackendInfo {
  log(`backend: ${info.description}`);
  return info;
}
