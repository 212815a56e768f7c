import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What native/src/addon.cc exports. Buffers are Float32Array views of the wasm heap; dims an Int32Array. */
export interface OnednnAddon {
  version: { major: number; minor: number; patch: number; headers: string; threading: string };
  conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, y: Float32Array, dims: Int32Array, relu: boolean): void;
  conv2dBackpropInput(dy: Float32Array, w: Float32Array, dx: Float32Array, dims: Int32Array): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, dims: Int32Array): void;
  maxPool(x: Float32Array, y: Float32Array, dims: Int32Array): void;
  /** dy to the first maximum of each window of x (a plain loop, not oneDNN: it needs no forward pass). */
  maxPoolGrad(x: Float32Array, dy: Float32Array, dx: Float32Array, dims: Int32Array): void;
  /** out = the column sums of x seen as [rows, channels]. */
  channelSum(x: Float32Array, out: Float32Array, rows: number, channels: number): void;
  /** dx = dy · step(y): ReLU's gradient from its output, bit-identical to TF.js's mul(dy, step(y)). Absent from an addon built before it. */
  reluGrad?(dy: Float32Array, y: Float32Array, dx: Float32Array): void;
  /** One Adam update in place, bit-identical to pipeline/train/parallelAdam.ts adamLoop (same arguments). */
  adamStep(weights: Float32Array, gradients: Float32Array, m: Float32Array, v: Float32Array, coefficients: Float32Array): void;
  /** c = op(a)·op(b) for each of dims[0] matrices; dims = [batch, m, n, k] of the products (TF.js's BatchMatMul). Absent from an addon built before it. */
  batchMatMul?(a: Float32Array, b: Float32Array, c: Float32Array, dims: Int32Array, transposeA: boolean, transposeB: boolean): void;
  /** TF.js's dropout multiplier from seedrandom's Alea state [c, s0, s1, s2] (advanced in place); see pipeline/train/nativeDropout.ts. Absent from an addon built before it. */
  dropoutMask?(mask: Float32Array, state: Float64Array, keep: number): void;
  /** oneDNN threads for the calling thread; false when the library's runtime has no such setting. */
  setThreads(threads: number): boolean;
}

export type OnednnLoad = { ok: true; addon: OnednnAddon; version: string } | { ok: false; reason: string };

/** Where `npm run build:native` (node-gyp) leaves the addon. */
export const ADDON_PATH = fileURLToPath(new URL('../../../native/build/Release/onednn_kernels.node', import.meta.url));

/** The one-line advice printed wherever the faster path is unavailable. */
export const ONEDNN_ADVICE =
  'for faster training install oneDNN (`apt-get install libdnnl-dev` on Debian/Ubuntu, `brew install onednn` on macOS) and run `npm run build:native`';

/**
 * Loads the oneDNN kernel addon built from native/. Never throws: a missing or broken build
 * (not compiled, library removed since, wrong architecture) is a reason, and the caller goes
 * on with the wasm kernels.
 */
export function loadOnednn(path = ADDON_PATH): OnednnLoad {
  if (!existsSync(path)) return { ok: false, reason: `the oneDNN addon is not built (${path} missing)` };
  try {
    const addon = createRequire(import.meta.url)(path) as OnednnAddon;
    const v = addon.version;
    return { ok: true, addon, version: `${v.major}.${v.minor}.${v.patch}` };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `the oneDNN addon did not load (${message})` };
  }
}

/** The addon when `backend` runs its kernels (already loaded then: require caches it), else null. */
export function addonInUse(backend: { onednn?: unknown }): OnednnAddon | null {
  if (backend.onednn == null) return null;
  const loaded = loadOnednn();
  return loaded.ok ? loaded.addon : null;
}
