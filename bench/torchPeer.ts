import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface TorchResult {
  ok: true;
  python: string;
  version: string;
  threads: number;
  imagesPerSecond: number;
  msPerBatch: number;
  images: number;
  /** CPU time of the peer process during the timed steps (all threads). */
  cpuSeconds: number;
}
export type TorchOutcome = TorchResult | { ok: false; reason: string };

const SCRIPT = fileURLToPath(new URL('./torch_peer.py', import.meta.url));
/** pyenv's shim may shadow the system interpreter, which is where Debian's python3-torch lives. */
const CANDIDATES = ['python3', '/usr/bin/python3'];

/** First interpreter on this machine that can `import torch`, or null. */
export function findTorchPython(candidates = CANDIDATES): string | null {
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Runs bench/torch_peer.py with the same batch size, image count and thread count as our run. */
export function runTorchPeer(opts: { images: number; warmupBatches: number; batchSize: number; threads: number }): TorchOutcome {
  const python = findTorchPython();
  if (python == null) {
    return {
      ok: false,
      reason: `none of ${CANDIDATES.join(', ')} can import torch; install it with \`apt-get install -y python3-torch\` (Debian) or \`pip install torch\``,
    };
  }
  const args = [SCRIPT, '--images', String(opts.images), '--warmup', String(opts.warmupBatches), '--batch-size', String(opts.batchSize), '--threads', String(opts.threads)];
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 30 * 60_000 });
  if (run.status !== 0) {
    return { ok: false, reason: `${python} ${SCRIPT} failed (exit ${run.status}): ${(run.stderr || run.error?.message || '').trim().split('\n').slice(-3).join(' ')}` };
  }
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(line) as Omit<TorchResult, 'ok' | 'python'>;
    return { ok: true, python, ...parsed };
  } catch {
    return { ok: false, reason: `could not read the peer's JSON output: "${line.slice(0, 200)}"` };
  }
}
