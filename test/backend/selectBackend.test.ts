import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import { loadTensorflowBinding } from '../../pipeline/backend/loadTensorflow';
import { loadOnednn } from '../../pipeline/backend/onednn/loadOnednn';

const nativeInstalled = (await loadTensorflowBinding()).ok;
const onednnBuilt = loadOnednn().ok;

describe('selectBackend', () => {
  it.skipIf(nativeInstalled)('explains what to install when tensorflow is forced but missing', async () => {
    await expect(selectBackend('tensorflow', () => {})).rejects.toThrow(/npm install @tensorflow\/tfjs-node/);
  });

  it.skipIf(nativeInstalled)('picks wasm with our gradient kernels under auto when tensorflow is missing', async () => {
    const lines: string[] = [];
    const info = await selectBackend('auto', (line) => lines.push(line));
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.version).toBe('4.22.0');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(info.description).toMatch(/gradient kernels/);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(lines.some((l) => l.includes('tfjs-node not available'))).toBe(true);
    // With the addon built, auto uses it; without, it says in one line what to install.
    expect(info.onednn !== undefined).toBe(onednnBuilt);
    expect(lines.some((l) => l.includes('apt-get install libdnnl-dev'))).toBe(!onednnBuilt);
  });

  it.skipIf(!onednnBuilt)('puts the oneDNN kernels on wasm for wasm+onednn, and takes them off for plain wasm', async () => {
    const info = await selectBackend('wasm+onednn', () => {});
    expect(info.name).toBe('wasm');
    expect(info.onednn?.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.onednn?.kernels).toEqual(expect.arrayContaining(['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPool', 'MaxPoolGrad']));
    expect(info.description).toMatch(/oneDNN \d/);
    const onednnConv = tf.getKernel('Conv2D', 'wasm').kernelFunc;
    expect(await selectBackend('wasm+onednn', () => {})).toMatchObject({ onednn: info.onednn }); // idempotent
    expect(tf.getKernel('Conv2D', 'wasm').kernelFunc).toBe(onednnConv);
    const plain = await selectBackend('wasm', () => {});
    expect(plain.onednn).toBeUndefined();
    expect(plain.description).not.toMatch(/oneDNN/);
    expect(tf.getKernel('Conv2D', 'wasm').kernelFunc).not.toBe(onednnConv);
  });

  it.skipIf(onednnBuilt)('explains what to install when wasm+onednn is forced but the addon is not built', async () => {
    await expect(selectBackend('wasm+onednn', () => {})).rejects.toThrow(/apt-get install libdnnl-dev.*brew install onednn/);
  });

  it('uses the cpu backend only when asked by name', async () => {
    const info = await selectBackend('cpu', () => {});
    expect(info).toMatchObject({ name: 'cpu', threads: 1 });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects an unknown backend name with the accepted choices', async () => {
    await expect(selectBackend('gpu' as never, () => {})).rejects.toThrow(/auto, tensorflow, wasm\+onednn, wasm, cpu/);
  });

  it('reports a missing optional module as a reason, not a crash', async () => {
    const result = await loadTensorflowBinding('@tensorflow/no-such-binding');
    expect(result.ok).toBe(false);
  });
});
