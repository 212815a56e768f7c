import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import { loadTensorflowBinding } from '../../pipeline/backend/loadTensorflow';

const nativeInstalled = (await loadTensorflowBinding()).ok;

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
