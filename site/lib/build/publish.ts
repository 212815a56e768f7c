import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { layerStatsDocument } from '../artifacts/layerStatsDocument';
import type { ArtifactKind } from '../../../pipeline/artifacts/types';
import { channelImages, explainImages, listedFile, loadArtifacts, referencedImages } from '../artifacts/load';
import { hasTimelapse, loadTimelapse, timelapseImages } from '../artifacts/timelapse';

/** Where the built site serves artifact files from, relative to the output folder. */
export const ARTIFACTS_URL_DIR = 'artifacts';

/** Files the live explorer loads: the model (model.json + weights) and the test-image shards. */
export const EXPLORER_KINDS: readonly ArtifactKind[] = ['model', 'model-weights', 'test-images'];
/** Files the channels page's embedding map loads (its tooltips read the test-image shards above). */
export const MAP_KINDS: readonly ArtifactKind[] = ['embedding-points'];

/**
 * Puts what the pages load at run time into the built site: every image the visual and explain
 * indexes refer to, the files of EXPLORER_KINDS (as the manifest lists them), and one channel-stats
 * JSON per layer (fetched when a reader zooms into a channel).
 */
export async function publishArtifacts(artifactsDir: string, outDir: string): Promise<{ images: number; explorerFiles: number; mapFiles: number; statsFiles: number }> {
  const artifacts = loadArtifacts(artifactsDir);
  const hasExplain = artifacts.manifest.files.some((f) => f.kind === 'explain-index');
  const timelapse = hasTimelapse(artifacts) ? timelapseImages(loadTimelapse(artifacts)) : [];
  const channels = artifacts.channels();
  const images = [...new Set([...referencedImages(artifacts.visuals), ...(hasExplain ? explainImages(artifacts.explain()) : []), ...(channels ? channelImages(channels) : []), ...timelapse])];
  const listed = (kinds: readonly ArtifactKind[]) => artifacts.manifest.files.filter((f) => kinds.includes(f.kind)).map((f) => listedFile(artifacts.manifest, artifactsDir, f.path).path);
  const explorer = listed(EXPLORER_KINDS);
  const map = listed(MAP_KINDS);
  for (const rel of [...images, ...explorer, ...map]) {
    const target = path.join(outDir, ARTIFACTS_URL_DIR, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(artifactsDir, rel), target);
  }
  const statsDir = path.join(outDir, ARTIFACTS_URL_DIR, 'site-stats');
  await mkdir(statsDir, { recursive: true });
  for (const layer of artifacts.visuals.layers) {
    await writeFile(path.join(statsDir, `${layer.name}.json`), JSON.stringify(layerStatsDocument(artifacts, layer.name)));
  }
  return { images: images.length, explorerFiles: explorer.length, mapFiles: map.length, statsFiles: artifacts.visuals.layers.length };
}

/** Every .html file under `dir`, at any depth. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/** Every artifact URL the built pages mention (img src and the JSON the scripts read), as paths under outDir. */
export function artifactReferences(html: string, base: string): string[] {
  const prefix = `${base}${ARTIFACTS_URL_DIR}/`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`["'](${prefix}[^"'?#]+)`, 'g');
  return [...html.matchAll(pattern)].map((m) => decodeURIComponent((m[1] as string).slice(base.length)));
}

/** Fails when a built page refers to an artifact file the build did not put into outDir. */
export async function checkArtifactReferences(outDir: string, base: string): Promise<number> {
  const missing: string[] = [];
  let count = 0;
  for (const file of await htmlFiles(outDir)) {
    for (const ref of artifactReferences(await readFile(file, 'utf8'), base)) {
      count++;
      if (!existsSync(path.join(outDir, ref))) missing.push(`${path.relative(outDir, file)} → ${ref}`);
    }
  }
  if (missing.length > 0) throw new Error(`Built pages refer to ${missing.length} missing artifact file(s):\n  ${missing.slice(0, 20).join('\n  ')}`);
  return count;
}
