// The backend line of the about page's provenance table in the page's language. The manifest keeps one English
// sentence (BackendInfo.description, written by pipeline/backend/selectBackend.ts and, for data-parallel training,
// pipeline/train/createStepperFor.ts); the other languages are built from its structured fields, and from the two
// facts only the sentence records: whether wasm ran with SIMD and how many data-parallel workers trained.
import type { BackendInfo } from '../../../pipeline/artifacts/types';
import type { Lang, Translate } from '../i18n';

/** The facts the sentence alone carries (its wording is fixed by the pipeline, so this reads it back). */
export function backendSentenceFacts(description: string): { simd: boolean; workers: number | null } {
  const workers = /data-parallel across (\d+) worker threads?/.exec(description)?.[1];
  return { simd: /\(SIMD\)/.test(description), workers: workers ? Number(workers) : null };
}

export function backendDescription(backend: BackendInfo, lang: Lang, t: Translate): string {
  if (lang === 'en') return backend.description;
  const { simd, workers } = backendSentenceFacts(backend.description);
  const threads = workers !== null ? t('prov.backendWorkers', { workers }) : t('prov.backendThreads', { threads: backend.threads });
  switch (backend.name) {
    case 'tensorflow':
      return t('prov.backendTensorflow', { version: backend.version, threads: backend.threads });
    case 'cpu':
      return t('prov.backendCpu', { version: backend.version });
    default: {
      const kernels = backend.onednn
        ? t('prov.backendOnednnKernels', { version: backend.onednn.version, threading: backend.onednn.threading })
        : t('prov.backendOwnKernels');
      return t('prov.backendWasm', { simd: simd ? ' (SIMD)' : '', version: backend.version, kernels, threads });
    }
  }
}
