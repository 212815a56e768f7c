import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TRAINING_KINDS, type CacheKeys } from './cacheKeys';
import { sha256 } from './describeFile';
import { describeTrainingChange, type TrainingInputs } from './trainingChange';
import { describeMismatch, firstMetricMismatch, type MetricSources } from '../evaluate/report';
import { parseManifest } from './manifestSchema';
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

/** The kinds of the files the checkable metrics come from (evaluate/report.ts: derivedMetrics). */
const METRIC_SOURCE_KINDS = { history: 'history', evaluation: 'evaluation', summary: 'summary', data: 'data-info' } as const;

/**
 * The manifest's metrics against the files they come from (already verified against their entries), as a
 * reason when they differ: the manifest itself is not hashed, so an edited number would otherwise pass.
 */
async function metricsMismatch(dir: string, manifest: Manifest): Promise<string | null> {
  const sources: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(METRIC_SOURCE_KINDS)) {
    const entry = manifest.files.find((f) => f.kind === kind);
    // An imported model (--model) was not trained here: it has no history, and no metric comes from one.
    if (!entry && kind === 'history' && manifest.model.source.kind === 'imported') {
      sources[key] = null;
      continue;
    }
    if (!entry) return `manifest.json lists no file of kind "${kind}"`;
    try {
      sources[key] = JSON.parse(await readFile(path.join(dir, entry.path), 'utf8'));
    } catch (e) {
      return `${entry.path} is damaged (${(e as Error).message})`;
    }
  }
  let mismatch;
  try {
    mismatch = firstMetricMismatch(manifest.metrics, sources as unknown as MetricSources);
  } catch (e) {
    return `the files behind the metrics are damaged (${(e as Error).message})`;
  }
  return mismatch && `metrics in manifest.json do not match ${mismatch.file} (${describeMismatch(mismatch)})`;
}

/**
 * Reads the manifest and checks it (by the schema the site reads it with), and every file it lists, against
 * `keys`; `current` names what changed in a stale reason.
 */
export async function checkArtifacts(dir: string, keys: CacheKeys, current?: TrainingInputs): Promise<Freshness> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return { state: 'stale', reason: 'no manifest.json yet' };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { state: 'stale', reason: `manifest.json is damaged (${(e as Error).message})` };
  }
  // Another schema version is named as such, before its shape is judged by this version's schema.
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) return { state: 'stale', reason: `manifest schema ${version}, this pipeline writes ${SCHEMA_VERSION}` };
  const { manifest, problem } = parseManifest(raw);
  if (!manifest) return { state: 'stale', reason: `manifest.json is damaged (${problem})` };
  if (manifest.trainingKey !== keys.training) return { state: 'stale', reason: current ? describeTrainingChange(manifest, current) : 'training inputs changed (config, data, backend, package versions or pipeline code)' };
  if (manifest.files.length === 0) return { state: 'stale', reason: 'manifest lists no files' };
  const trained = manifest.files.filter((f) => TRAINING_KINDS.has(f.kind));
  const drawn = manifest.files.filter((f) => !TRAINING_KINDS.has(f.kind));
  const damagedTraining = await firstDamaged(dir, trained);
  if (damagedTraining) return { state: 'stale', reason: damagedTraining };
  const mismatch = await metricsMismatch(dir, manifest);
  if (mismatch) return { state: 'stale', reason: mismatch };
  if (manifest.cacheKey !== keys.drawing) return { state: 'redraw', manifest, reason: 'drawing inputs changed (--samples or drawing code)' };
  const damagedDrawing = await firstDamaged(dir, drawn);
  if (damagedDrawing) return { state: 'redraw', manifest, reason: damagedDrawing };
  return { state: 'fresh', manifest };
}
