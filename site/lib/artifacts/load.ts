import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { DistributionsIndex } from '../../../pipeline/explain/distributions/distributionsIndex';
import type { EmbeddingIndex } from '../../../pipeline/explain/embedding/embeddingIndex';
import type { ChannelsIndex } from '../../../pipeline/explain/dictionary/channelsIndex';
import type { ExplainIndex } from '../../../pipeline/explain/explainIndex';
import { decodePoints, type MapPoint } from '../../../shared/embedding/mapPoints';
import { issueField, issueMessage, safeParseReporting } from '../../../shared/schema/issues';
import type {
  ArtifactFile, ChannelStats, Evaluation, Manifest, ModelSummary, PredictionsIndex, TrainingHistory, VisualIndex,
} from '../../../pipeline/artifacts/types';
import { SCHEMA_VERSION } from '../../../pipeline/artifacts/types';
import { dataInfoSchema, manifestSchema } from '../../../pipeline/artifacts/manifestSchema';
import { describeMismatch, firstMetricMismatch } from '../../../pipeline/evaluate/report';
import { pngSize } from './pngSize';
import {
  channelsIndexSchema, distributionsSchema, embeddingIndexSchema, evaluationSchema, explainIndexSchema, filterNormsSchema, historySchema, layerDataSchema, predictionsSchema, summarySchema, visualIndexSchema,
} from './schema';

export class ArtifactsError extends Error {
  override name = 'ArtifactsError';
}

/** Everything the site shows, loaded from one artifacts folder. Layer stats and probabilities load on demand. */
export interface SiteArtifacts {
  dir: string;
  manifest: Manifest;
  /** The training history; reading it throws for a model imported from a file (not trained here, so it has none). */
  readonly history: TrainingHistory;
  summary: ModelSummary;
  evaluation: Evaluation;
  predictions: PredictionsIndex;
  visuals: VisualIndex;
  /** Per-channel stats of one layer for one sample (read from the grid's layer-data file). */
  layerStats(layer: string, sample: number): ChannelStats[];
  /** Probabilities of test image `index` (one per class, 0–1), from probabilities.u8. */
  probabilities(index: number): number[];
  /** Weight norms of the deeper conv layers' filters (visuals.filters.norms). */
  filterNorms(): { layers: { layer: string; norms: number[] }[] };
  /** Pixel size of a listed PNG. */
  imageSize(relPath: string): { width: number; height: number };
  /** The explain stage's index (attribution maps and the sanity check), read on first use. */
  explain(): ExplainIndex;
  /** Weight and activation distributions (explain/distributions.json), read on first use. */
  distributions(): DistributionsIndex;
  /** The embedding map's index and its points (decoded from the file the page also loads), read on first use. */
  embedding(): { index: EmbeddingIndex; points: MapPoint[] };
  /** The channel dictionary's index, read on first use; undefined when the manifest lists none. */
  channels(): ChannelsIndex | undefined;
}

export const RUN_PIPELINE_HINT = 'Run `npm run pipeline` (for a fast run: `npm run pipeline -- --preset quick`) to create it, or set ARTIFACTS_DIR to a folder that has one.';

/** The artifacts folder: env ARTIFACTS_DIR, else `artifacts/` under the project root. */
export function resolveArtifactsDir(env: Record<string, string | undefined> = process.env, root = process.cwd()): string {
  return path.resolve(root, env.ARTIFACTS_DIR || 'artifacts');
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = safeParseReporting(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `  - ${issueField(i)}: ${issueMessage(i)}`).join('\n');
  throw new ArtifactsError(`${file} does not match the artifact contract (pipeline/artifacts/types.ts):\n${issues}\n${RUN_PIPELINE_HINT}`);
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new ArtifactsError(`No artifacts manifest at ${file}. ${RUN_PIPELINE_HINT}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ArtifactsError(`${file} is not valid JSON (${(error as Error).message}). ${RUN_PIPELINE_HINT}`);
  }
  // The schema checks what the site reads; other contract fields pass through unchecked.
  const manifest = parseWith(manifestSchema, raw, file) as unknown as Manifest;
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new ArtifactsError(`${file} has schemaVersion ${manifest.schemaVersion}, the site expects ${SCHEMA_VERSION}. ${RUN_PIPELINE_HINT}`);
  }
  return manifest;
}

/** Finds a listed file; the site never reads a file the manifest does not list. */
export function listedFile(manifest: Manifest, dir: string, relPath: string): ArtifactFile {
  const entry = manifest.files.find((f) => f.path === relPath);
  if (!entry) throw new ArtifactsError(`${relPath} is referenced but not listed in ${path.join(dir, 'manifest.json')}. ${RUN_PIPELINE_HINT}`);
  if (!existsSync(path.join(dir, relPath))) throw new ArtifactsError(`${path.join(dir, relPath)} is listed in the manifest but missing. ${RUN_PIPELINE_HINT}`);
  return entry;
}

function fileOfKind(manifest: Manifest, dir: string, kind: ArtifactFile['kind']): string {
  const entry = manifest.files.find((f) => f.kind === kind);
  if (!entry) throw new ArtifactsError(`${path.join(dir, 'manifest.json')} lists no file of kind "${kind}". ${RUN_PIPELINE_HINT}`);
  return listedFile(manifest, dir, entry.path).path;
}

export function readJson<T>(dir: string, rel: string, schema: z.ZodType<T>): T {
  const file = path.join(dir, rel);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ArtifactsError(`Cannot read ${file}: ${(error as Error).message}. ${RUN_PIPELINE_HINT}`);
  }
  return parseWith(schema, raw, file);
}

/** Every image the explain index refers to: the maps of every target and the sanity-check figure. */
export function explainImages(explain: ExplainIndex): string[] {
  return [
    ...explain.samples.flatMap((s) => s.targets.flatMap((t) => t.maps.map((m) => m.image))),
    ...Object.values(explain.sanity.figure).flat(),
  ];
}

/** Every image path the visual index refers to, so callers can check and copy them. */
export function referencedImages(visuals: VisualIndex): string[] {
  return [
    ...visuals.samples.map((s) => s.input),
    ...visuals.grids.map((g) => g.path),
    visuals.filters.grid,
    ...visuals.gallery.map((g) => g.image),
    ...visuals.misclassified.map((g) => g.image),
    ...(visuals.classExamples ?? []).map((c) => c.image), // the data description's strips (issue #21)
  ];
}

/** Every image the channel dictionary refers to: strips, optimised images, kernels and class images. */
export function channelImages(index: ChannelsIndex): string[] {
  return [
    ...index.layers.flatMap((l) => l.entries.flatMap((e) => [e.strip, e.optimised.image, ...(e.kernel ? [e.kernel.image] : [])])),
    ...index.classes.map((c) => c.image),
  ];
}

export function loadArtifacts(dir: string): SiteArtifacts {
  const manifest = readManifest(dir);
  // A model imported from a file was not trained here: it has no history (issue #20); any other must.
  const untrained = manifest.model.source.kind === 'imported' && !manifest.files.some((f) => f.kind === 'history');
  const history = untrained ? undefined : (readJson(dir, fileOfKind(manifest, dir, 'history'), historySchema) as unknown as TrainingHistory);
  const summary = readJson(dir, fileOfKind(manifest, dir, 'summary'), summarySchema);
  const evaluation = readJson(dir, fileOfKind(manifest, dir, 'evaluation'), evaluationSchema);
  const predictions = readJson(dir, fileOfKind(manifest, dir, 'predictions'), predictionsSchema);
  const visuals = readJson(dir, fileOfKind(manifest, dir, 'visual-index'), visualIndexSchema) as VisualIndex;
  // The manifest is not hashed: its numbers are checked against the files they come from, so an edited one is not published.
  const data = readJson(dir, fileOfKind(manifest, dir, 'data-info'), dataInfoSchema);
  const mismatch = firstMetricMismatch(manifest.metrics, { history, evaluation, summary, data });
  if (mismatch) {
    throw new ArtifactsError(`${path.join(dir, 'manifest.json')}: metric ${mismatch.name} does not match ${mismatch.file} (${describeMismatch(mismatch)}); the manifest was edited or damaged. ${RUN_PIPELINE_HINT}`);
  }
  for (const image of referencedImages(visuals)) listedFile(manifest, dir, image);

  const statsCache = new Map<string, ChannelStats[]>();
  const sizeCache = new Map<string, { width: number; height: number }>();
  let probabilityBytes: Uint8Array | undefined;
  let explain: ExplainIndex | undefined;
  let distributions: DistributionsIndex | undefined;
  let embedding: { index: EmbeddingIndex; points: MapPoint[] } | undefined;
  let channels: ChannelsIndex | null | undefined;
  return {
    dir, manifest, summary, evaluation, predictions, visuals,
    get history(): TrainingHistory {
      if (history) return history;
      throw new ArtifactsError(`${path.join(dir, 'manifest.json')}: the model was imported from ${manifest.model.source.file ?? 'a file'}, not trained here, so there is no training history; show training-only content inside :::trained-here.`);
    },
    layerStats(layer, sample) {
      const key = `${layer}/${sample}`;
      const cached = statsCache.get(key);
      if (cached) return cached;
      const grid = visuals.grids.find((g) => g.layer === layer && g.sample === sample);
      if (!grid) throw new ArtifactsError(`visuals.json has no grid for layer ${layer}, sample ${sample}. ${RUN_PIPELINE_HINT}`);
      const stats = readJson(dir, listedFile(manifest, dir, grid.data).path, layerDataSchema).stats;
      statsCache.set(key, stats);
      return stats;
    },
    probabilities(index) {
      probabilityBytes ??= readFileSync(path.join(dir, listedFile(manifest, dir, predictions.probabilitiesPath).path));
      // One byte per class and test image: the width is the model's class count, not ten.
      const width = manifest.model.classes;
      if (index < 0 || (index + 1) * width > probabilityBytes.length) {
        throw new ArtifactsError(`Test image ${index} is outside ${predictions.probabilitiesPath} (${probabilityBytes.length / width} rows of ${width} classes).`);
      }
      return Array.from(probabilityBytes.subarray(index * width, index * width + width), (b) => b / 255);
    },
    filterNorms() {
      return readJson(dir, listedFile(manifest, dir, visuals.filters.norms).path, filterNormsSchema);
    },
    imageSize(relPath) {
      const cached = sizeCache.get(relPath);
      if (cached) return cached;
      const file = path.join(dir, listedFile(manifest, dir, relPath).path);
      const size = pngSize(readFileSync(file), file);
      sizeCache.set(relPath, size);
      return size;
    },
    explain() {
      if (explain) return explain;
      const index = readJson(dir, fileOfKind(manifest, dir, 'explain-index'), explainIndexSchema) as unknown as ExplainIndex;
      for (const image of explainImages(index)) listedFile(manifest, dir, image);
      explain = index;
      return explain;
    },
    distributions() {
      distributions ??= readJson(dir, fileOfKind(manifest, dir, 'distributions'), distributionsSchema) as DistributionsIndex;
      return distributions;
    },
    embedding() {
      if (embedding) return embedding;
      const index = readJson(dir, fileOfKind(manifest, dir, 'embedding-index'), embeddingIndexSchema) as EmbeddingIndex;
      const file = path.join(dir, listedFile(manifest, dir, index.files.points).path);
      const points = decodePoints(readFileSync(file), index.extents);
      if (points.length !== index.count) throw new ArtifactsError(`${file} holds ${points.length} points, ${index.files.points.replace(/points.u16$/, 'embedding.json')} says ${index.count}. ${RUN_PIPELINE_HINT}`);
      embedding = { index, points };
      return embedding;
    },
    channels() {
      if (channels !== undefined) return channels ?? undefined;
      const entry = manifest.files.find((f) => f.kind === 'channels-index');
      if (!entry) {
        channels = null;
        return undefined;
      }
      const index = readJson(dir, listedFile(manifest, dir, entry.path).path, channelsIndexSchema) as ChannelsIndex;
      for (const image of channelImages(index)) listedFile(manifest, dir, image);
      channels = index;
      return channels;
    },
  };
}
