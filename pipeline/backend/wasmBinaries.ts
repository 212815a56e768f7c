import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';

/**
 * Folder holding tfjs-backend-wasm's .wasm binaries, with a trailing slash, as setWasmPaths
 * expects. In Node the Emscripten loader reads the file from disk, so a plain file path works;
 * resolving it from the package (rather than relying on the loader's own script-relative
 * guess) keeps it right when the code runs bundled, under vitest or inside a worker.
 */
export function wasmBinaryFolder(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  const folder = dirname(main) + '/';
  if (!existsSync(folder + 'tfjs-backend-wasm-simd.wasm')) {
    throw new Error(
      `tfjs-backend-wasm binaries not found in ${folder}: expected tfjs-backend-wasm-simd.wasm there. ` +
        'Reinstall dependencies with `npm ci`.',
    );
  }
  return folder;
}
