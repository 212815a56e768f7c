// Worker entry point: workers start as plain Node, so TypeScript support is registered before the worker is
// imported (as pipeline/train/parallelWorker.boot.mjs does). Works the same under `tsx` and vitest.
import { register } from 'tsx/esm/api';

register();
await import('./decodeWorker.ts');
