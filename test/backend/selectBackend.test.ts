import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import { loadTensorflowBinding } from '../../pipeline/backend/loadTensorflow';
import { STANDIN_VERSION } from './nativeStandinVersion';

// Run by two vitest projects: once with the packages installed here, once with a stand-in for the
// native binding (vitest.config.ts). Each test holds either way.
const native = await loadTensorflowBinding();
const missing = async () => ({ ok: false as const, reason: "Cannot find package '@tensorflow/tfjs-node'" });

describe('selectBackend', () => {
  it('explains what to install when tensorflow is forced but missing', async () => {
    await expect(selectBackend('tensorflow', () => {}, missing)).rejects.toThrow(/npm install @tensorflow\/tfjs-node/);
  });

  it('picks wasm with our gradient kernels under auto when tensorflow is missing', async () => {
    const lines: string[] = [];
    const info = await selectBackend('auto', (line) => lines.push(line), missing);
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.version).toBe('4.22.0');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(info.description).toMatch(/gradient kernels/);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(lines.some((l) => l.includes('tfjs-node not available'))).toBe(true);
  });

  it.runIf(native.ok)('picks the native backend under auto when @tensorflow/tfjs-node loads', async () => {
    const info = await selectBackend('auto', () => {});
    expect(info).toMatchObject({ name: 'tensorflow', version: native.ok ? native.version : '', threads: availableParallelism() });
    expect(info.description).toMatch(/@tensorflow\/tfjs-node/);
    expect(tf.getBackend()).toBe('tensorflow');
    expect(Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1)).dataSync())).toEqual([2, 3]);
  });

  it.runIf(process.env.TFJS_NODE_STANDIN === '1')('loads the stand-in as @tensorflow/tfjs-node in the native-standin project', () => {
    expect(native).toEqual({ ok: true, version: STANDIN_VERSION });
  });

  it('uses the cpu backend only when asked by name', async () => {
    const info = await selectBackend('cpu', () => {});
    expect(info).toMatchObject({ name: 'cpu', threads: 1 });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects an unknown backend name with the accepted choices', async () => {
    await expect(selectBackend('gpu' as never, () => {})).rejects.toThrow(/auto, tensorflow, wasm, cpu/);
  });

  it('reports a missing optional module as a reason, not a crash', async () => {
    const result = await loadTensorflowBinding('@tensorflow/no-such-binding');
    expect(result.ok).toBe(false);
  });
});
