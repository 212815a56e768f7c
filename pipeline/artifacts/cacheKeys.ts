import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './describeFile';
import { backendVersion } from './versions';
import { SCHEMA_VERSION, type ArtifactKind, type BackendInfo, type DataInfo, type IdxFileInfo, type PipelineConfig } from './types';

/*
 * Two keys, so that a change which only affects drawing redraws in seconds without retraining.
 *
 * The training key covers everything the trained weights and the evaluation depend on: the training
 * config, the data bytes, the backend that actually ran (not the --backend choice), the installed
 * versions of the packages that compute, and every pipeline source file outside the drawing stages.
 * The drawing key covers the training key plus what the drawing stages read besides the trained model.
 *
 * A stage that draws from the trained model (visualize, explain) adds its config fields to
 * DRAWING.config, its source folder or file (relative to pipeline/) to DRAWING.sources, the packages it
 * computes with to DRAWING.packages, and its artifact kinds stay out of TRAINING_KINDS, so a redraw
 * reruns it and keeps the training files.
 */
export const TRAINING = {
  config: ['preset', 'seed', 'epochs', 'batchSize', 'learningRate', 'patience', 'trainLimit', 'testLimit', 'imageSize', 'channels'],
  packages: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm'],
} as const satisfies { config: readonly (keyof PipelineConfig)[]; packages: readonly string[] };

export const DRAWING = {
  config: ['samples', 'igMaxSteps'],
  // '../shared/drawing': the drawing rules the browser shares, outside pipeline/.
  sources: ['stages/drawing.ts', 'visualize', 'explain', '../shared/drawing', '../shared/embedding'],
  packages: ['@napi-rs/canvas', 'd3-color', 'd3-scale-chromatic', 'simple-statistics', 'umap-js', 'ml-pca'],
} as const satisfies { config: readonly (keyof PipelineConfig)[]; sources: readonly string[]; packages: readonly string[] };

/** Files the training stage writes (and a redraw carries over); every other kind is drawn. */
export const TRAINING_KINDS: ReadonlySet<ArtifactKind> = new Set<ArtifactKind>([
  'history', 'summary', 'evaluation', 'predictions', 'probabilities', 'model', 'model-weights', 'data-info',
  'timelapse-record', 'timelapse-record-index',
]);

export interface CacheKeys {
  training: string;
  drawing: string;
}

export interface KeyInputs {
  config: PipelineConfig;
  data: IdxFileInfo[];
  /** The backend selectBackend started. */
  backend: Pick<BackendInfo, 'name' | 'version' | 'onednn'>;
  /** Installed versions by package name: at least TRAINING.packages and DRAWING.packages. */
  versions: Record<string, string>;
  /** Hashes of the pipeline's training and drawing sources (pipelineSources). */
  sources: { training: string; drawing: string };
  /**
   * The model shown: where it comes from, the SHA-256 of its file (--model / --architecture; none for the
   * tutorial's network, whose code is in the sources) and how pixels are scaled for it. Absent: the tutorial's, unit scale.
   */
  model?: { kind: string; sha256: string | null; scale: string };
  /**
   * What the data gives besides its IDX files (dataKeyOf): the input shape, the class names (data.json, kept by
   * a redraw, shows them) and an image folder's listing, whose files are not in `data`. Absent: only `data`.
   */
  dataset?: DataKey;
}

export interface DataKey {
  height: number;
  width: number;
  channels: number;
  classes: { en: string[]; zh: string[] };
  /** An image folder's listing hash (ImageFolderInfo.listingSha256); null for IDX data. */
  listingSha256: string | null;
}

export function dataKeyOf(info: DataInfo): DataKey {
  return { height: info.height, width: info.width, channels: info.channels, classes: { en: info.classes.en, zh: info.classes.zh }, listingSha256: info.folder?.listingSha256 ?? null };
}

const hashJson = (value: unknown) => sha256(new TextEncoder().encode(JSON.stringify(value)));
const pick = <T extends object>(from: T, keys: readonly string[]) => keys.map((k) => [k, (from as Record<string, unknown>)[k] ?? null]);

/** Equal keys mean equal inputs. --data-dir is not in them: the data files' checksums are. */
export function cacheKeys({ config, data, backend, versions, sources, model, dataset }: KeyInputs): CacheKeys {
  // Left out for the tutorial at unit scale, so that its keys (and fresh artifacts) stay what they were.
  const shown = model && !(model.kind === 'tutorial' && model.scale === 'unit') ? { model } : {};
  const training = hashJson({
    ...shown,
    schema: SCHEMA_VERSION,
    sources: sources.training,
    config: pick(config, TRAINING.config),
    // Workers split batches (and seed dropout per worker) only on wasm; elsewhere training is local.
    workers: backend.name === 'wasm' ? config.workers : 1,
    backend: backendVersion(backend),
    packages: pick(versions, TRAINING.packages),
    data: data.map((f) => [f.name, f.sha256]),
    ...(dataset ? { dataset: [dataset.height, dataset.width, dataset.channels, dataset.classes.en, dataset.classes.zh, dataset.listingSha256] } : {}),
  });
  const drawing = hashJson({ training, sources: sources.drawing, config: pick(config, DRAWING.config), packages: pick(versions, DRAWING.packages) });
  return { training, drawing };
}

async function sourceFiles(root: string, from = root): Promise<string[]> {
  const files: string[] = [];
  if (!existsSync(from)) return files;
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (/\.(ts|mjs|js)$/.test(entry.name)) files.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  await walk(from);
  return files.sort();
}

async function hashFiles(root: string, files: string[]): Promise<string> {
  const parts = await Promise.all(files.map(async (f) => `${f}\n${sha256(await readFile(path.join(root, f)))}`));
  return sha256(new TextEncoder().encode(parts.join('\n'))).slice(0, 16);
}

/** Hash of every pipeline source file: a code change makes old artifacts stale. */
export async function pipelineSourceHash(root: string): Promise<string> {
  return hashFiles(root, await sourceFiles(root));
}

/** Hashes of the drawing stages' sources (DRAWING.sources) and of every other pipeline source. */
export async function pipelineSources(root: string): Promise<KeyInputs['sources']> {
  const outside = DRAWING.sources.filter((s) => s.startsWith('../'));
  const all = [...(await sourceFiles(root)), ...(await Promise.all(outside.map((s) => sourceFiles(root, path.join(root, s))))).flat()];
  const drawn = (f: string) => DRAWING.sources.some((s) => f === s || f.startsWith(`${s}/`));
  return { training: await hashFiles(root, all.filter((f) => !drawn(f))), drawing: await hashFiles(root, all.filter(drawn)) };
}
