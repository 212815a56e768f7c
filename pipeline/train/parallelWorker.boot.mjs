// Worker entry point. Workers start as plain Node, so TypeScript support is registered here
// before the real (TypeScript) worker is imported. This works the same under `tsx` and vitest.
import { register } from 'tsx/esm/api';

register();
await import('./parallelWorker.ts');
