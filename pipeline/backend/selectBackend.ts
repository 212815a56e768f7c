import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { availableParallelism } from 'node:os';
import { BACKEND_CHOICES, type BackendChoice, type BackendInfo, type BackendName, type OnednnInfo } from '../artifacts/types';
import { loadTensorflowBinding, type TensorflowBinding } from './loadTensorflow';
import { loadOnednn, ONEDNN_ADVICE, type OnednnAddon } from './onednn/loadOnednn';
import { registerOnednnKernels, unregisterOnednnKernels } from './onednn/registerOnednn';
import { registerWasmGradKernels } from './wasmGradKernels';
import { wasmBinaryFolder } from './wasmBinaries';

export { BACKEND_CHOICES, type BackendChoice };

/**
 * Makes one backend current for TF.js and describes it. `auto` prefers the native TensorFlow
 * binding (optional dependency @tensorflow/tfjs-node) and falls back to wasm with our gradient
 * kernels, plus the oneDNN kernel addon when it is built (`wasm+onednn`); the pure-JS cpu
 * backend is used only when asked for by name, since it is an order of magnitude slower. A
 * backend asked for by name that cannot start is an error, not a silent fallback.
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
  if (choice === 'wasm+onednn' || choice === 'auto') {
    const onednn = loadOnednn();
    if (onednn.ok) return report(log, await activateWasm(onednn.addon));
    if (choice === 'wasm+onednn') {
      throw new Error(`Backend "wasm+onednn" was requested but ${onednn.reason}: ${ONEDNN_ADVICE}, or choose --backend wasm.`);
    }
    log(`backend: ${onednn.reason}; ${ONEDNN_ADVICE}`);
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

/**
 * Starts the wasm backend with its binaries from node_modules and our gradient kernels, and,
 * given the oneDNN addon, its kernels on top (one oneDNN thread for this thread: every
 * data-parallel worker is one thread). Without it, kernels a previous call installed are removed.
 */
export async function activateWasm(onednnAddon?: OnednnAddon): Promise<BackendInfo> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.findBackend('wasm') == null) {
    // Only before the first initialisation: the paths are read once, when the binary loads.
    wasm.setWasmPaths(wasmBinaryFolder());
  }
  await activate('wasm');
  registerWasmGradKernels();
  const onednn = onednnAddon ? useOnednn(onednnAddon) : (unregisterOnednnKernels(), undefined);
  const threads = wasm.getThreadsCount();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const kernels = onednn ? `oneDNN ${onednn.version} kernels (${onednn.threading}) and fast gradient kernels` : 'fast gradient kernels';
  return {
    name: 'wasm',
    version: wasm.version_wasm,
    threads,
    description:
      `WebAssembly${simd ? ' (SIMD)' : ''} (@tensorflow/tfjs-backend-wasm ${wasm.version_wasm}) ` +
      `with ${kernels}, ${threads} thread${threads === 1 ? '' : 's'}`,
    ...(onednn ? { onednn } : {}),
  };
}

function useOnednn(addon: OnednnAddon): OnednnInfo {
  const perThread = addon.setThreads(1);
  const kernels = registerOnednnKernels(addon);
  const v = addon.version;
  // Without a per-thread setting (TBB, threadpool builds) oneDNN uses its default: every core.
  return { version: `${v.major}.${v.minor}.${v.patch}`, threading: v.threading, threads: perThread ? 1 : availableParallelism(), kernels };
}

/** The kernel set a backend runs, as the --backend value that starts it again (e.g. in a worker). */
export function kernelSetOf(info: BackendInfo): Exclude<BackendChoice, 'auto'> {
  return info.onednn ? 'wasm+onednn' : info.name;
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
