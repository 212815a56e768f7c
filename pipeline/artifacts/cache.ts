import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TRAINING_KINDS, type CacheKeys } from './cacheKeys';
import { sha256 } from './describeFile';
import { describeTrainingChange, type TrainingInputs } from './trainingChange';
import { SCHEMA_VERSION, type ArtifactFile, type Manifest } from './types';

/** The artifacts cannot be used and training was not allowed: an expected stop, not a crash. */
export class ArtifactsNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactsNotReadyError';
  }
}

/**
 * fresh: usable as they are. redraw: the training files are usable, the drawn ones must be made again.
 * stale: train again.
 */
export type Freshness =
  | { state: 'fresh'; manifest: Manifest }
  | { state: 'redraw'; manifest: Manifest; reason: string }
  | { state: 'stale'; reason: string };

/** The first listed file that is missing or differs from its entry (size and SHA-256), as a reason. */
async function firstDamaged(dir: string, files: ArtifactFile[]): Promise<string | null> {
  for (const f of files) {
    const p = path.join(dir, f.path);
    if (!existsSync(p)) return `${f.path} is missing`;
    const bytes = await readFile(p);
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) return `${f.path} does not match its manifest entry (damaged)`;
  }
  return null;
}

/** Reads the manifest and checks it, and every file it lists, against `keys`; `current` names what changed in a stale reason. */
export async function checkArtifacts(dir: string, keys: CacheKeys, current?: TrainingInputs): Promise<Freshness> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return { state: 'stale', reason: 'no manifest.json yet' };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch (e) {
    return { state: 'stale', reason: `manifest.json is damaged (${(e as Error).message})` };
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION) return { state: 'stale', reason: `manifest schema ${manifest.schemaVersion}, this pipeline writes ${SCHEMA_VERSION}` };
  if (manifest.trainingKey !== keys.training) return { state: 'stale', reason: current ? describeTrainingChange(manifest, current) : 'training inputs changed (config, data, backend, package versions or pipeline code)' };
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) return { state: 'stale', reason: 'manifest lists no files' };
  const trained = manifest.files.filter((f) => TRAINING_KINDS.has(f.kind));
  const drawn = manifest.files.filter((f) => !TRAINING_KINDS.has(f.kind));
  const damagedTraining = await firstDamaged(dir, trained);
  if (damagedTraining) return { state: 'stale', reason: damagedTraining };
  if (manifest.cacheKey !== keys.drawing) return { state: 'redraw', manifest, reason: 'drawing inputs changed (--samples or drawing code)' };
  const damagedDrawing = await firstDamaged(dir, drawn);
  if (damagedDrawing) return { state: 'redraw', manifest, reason: damagedDrawing };
  return { state: 'fresh', manifest };
}
