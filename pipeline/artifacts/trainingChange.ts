// Says which training input changed, so "stale" names the cause (and, with --no-train, what to undo).
import { TRAINING, type KeyInputs } from './cacheKeys';
import { backendVersion } from './versions';
import type { Manifest } from './types';

/** The inputs of the training key that a manifest records too (the code's hash it records only as a whole). */
export type TrainingInputs = Omit<KeyInputs, 'sources'>;

const show = (v: unknown) => (v === undefined || v === null ? 'none' : Array.isArray(v) ? v.join(',') || 'none' : String(v));
const flag = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function changes(pairs: [string, unknown, unknown][]): string[] {
  return pairs.filter(([, was, now]) => show(was) !== show(now)).map(([name, was, now]) => `${name} ${show(was)} → ${show(now)}`);
}

/** The image folder's files, the input shape and the class names, against what the manifest's data records. */
function datasetChanges(stored: Partial<Manifest>, current: TrainingInputs): string[] {
  const now = current.dataset;
  const was = stored.data;
  if (!now || !was) return [];
  const out: string[] = [];
  if ((was.folder?.listingSha256 ?? null) !== now.listingSha256) out.push("the image folder's files (added, removed or modified)");
  const shape = (d: { height: number; width: number; channels: number }) => `${d.height}×${d.width}×${d.channels}`;
  if (shape(was) !== shape(now)) out.push(`input ${shape(was)} → ${shape(now)}`);
  if (JSON.stringify([was.classes?.en, was.classes?.zh]) !== JSON.stringify([now.classes.en, now.classes.zh])) out.push('the class names');
  return out;
}

/**
 * Compares the training inputs `stored` records with `current` and names what differs, e.g.
 * "the config changed: preset quick → seed, epochs 2 → 100". When nothing recorded differs, the key
 * changed through what the manifest does not record: the pipeline's training code.
 */
export function describeTrainingChange(stored: Partial<Manifest>, current: TrainingInputs): string {
  const config = (stored.config ?? {}) as Partial<Record<string, unknown>>;
  const versions = stored.versions ?? {};
  const was = stored.data?.files ?? [];
  const backend = backendVersion(current.backend);
  const parts: [string, string[]][] = [
    ['the config changed', changes([
      ...TRAINING.config.map((k): [string, unknown, unknown] => [flag(k), config[k], current.config[k]]),
      // Training splits batches across workers only on wasm (as in cacheKeys); a backend change is named below.
      ...(stored.backend?.name === 'wasm' && current.backend.name === 'wasm' ? [['workers', config.workers, current.config.workers] as [string, unknown, unknown]] : []),
    ])],
    ['the data changed', current.data.flatMap((f, i) => {
      const old = was[i];
      if (old?.name !== f.name) return [`${show(old?.name)} → ${f.name}`];
      return old.sha256 === f.sha256 ? [] : [`${f.name} sha256 ${show(old.sha256?.slice(0, 12))}… → ${f.sha256.slice(0, 12)}…`];
    }).concat(datasetChanges(stored, current))],
    ['the backend changed', versions.backend === backend ? [] : [`${show(versions.backend)} → ${backend}`]],
    ['package versions changed', changes(TRAINING.packages.map((p): [string, unknown, unknown] => [p, versions[p], current.versions[p]]))],
  ];
  const found = parts.filter(([, list]) => list.length > 0).map(([what, list]) => `${what}: ${list.join(', ')}`);
  return found.length > 0 ? found.join('; ') : "the pipeline's training code changed";
}
