import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../../pipeline/artifacts/types';
import { backendDescription, backendSentenceFacts } from '../../site/lib/directives/backendDescription';
import { translator } from '../../site/lib/i18n';

const wasm: BackendInfo = {
  name: 'wasm',
  version: '4.22.0',
  threads: 2,
  // The sentences pipeline/backend/selectBackend.ts and pipeline/train/createStepperFor.ts write.
  description: 'WebAssembly (SIMD) (@tensorflow/tfjs-backend-wasm 4.22.0) with oneDNN 2.6.3 kernels (OpenMP) and fast gradient kernels, data-parallel across 2 worker threads',
  onednn: { version: '2.6.3', threading: 'OpenMP', threads: 1, kernels: ['Conv2D'] },
};
const latinWords = (s: string) => (s.replace(/@tensorflow\/[\w-]+|oneDNN|OpenMP|WebAssembly|SIMD|TensorFlow|JavaScript/g, '').match(/[A-Za-z]{2,}/g) ?? []);

describe('the backend line in the page language', () => {
  it('keeps the manifest sentence in English', () => {
    expect(backendDescription(wasm, 'en', translator('en'))).toBe(wasm.description);
  });

  it('reads SIMD and the data-parallel workers back from the sentence', () => {
    expect(backendSentenceFacts(wasm.description)).toEqual({ simd: true, workers: 2 });
    expect(backendSentenceFacts('WebAssembly (@tensorflow/tfjs-backend-wasm 4.22.0) with fast gradient kernels, 4 threads')).toEqual({ simd: false, workers: null });
  });

  it('says the same facts in Chinese with no English words besides names', () => {
    const zh = backendDescription(wasm, 'zh', translator('zh'));
    expect(zh).toBe('WebAssembly (SIMD)（@tensorflow/tfjs-backend-wasm 4.22.0），使用 oneDNN 2.6.3 内核（OpenMP）和快速梯度内核，2 个工作线程数据并行');
    expect(latinWords(zh)).toEqual([]);
    for (const other of [
      { name: 'tensorflow', version: '4.22.0', threads: 8, description: 'TensorFlow native (@tensorflow/tfjs-node 4.22.0), 8 intra-op threads' },
      { name: 'cpu', version: '4.22.0', threads: 1, description: 'plain JavaScript (@tensorflow/tfjs-backend-cpu 4.22.0), 1 thread' },
      { name: 'wasm', version: '4.22.0', threads: 4, description: 'WebAssembly (@tensorflow/tfjs-backend-wasm 4.22.0) with fast gradient kernels, 4 threads' },
    ] satisfies BackendInfo[]) {
      const line = backendDescription(other, 'zh', translator('zh'));
      expect(latinWords(line), line).toEqual([]);
      expect(line).toContain(String(other.threads));
    }
  });
});
