// The embedding map's live part: every point from the compact point file (the HTML holds a sample drawn at
// build time) and, in the tooltip, the test image itself, painted from the test-image shard that holds it. Shards
// (39 kB each) load only when a reader hovers a point of theirs, so the page stays light.
import type { View } from 'vega';
import { decodePoints } from '../../shared/embedding/mapPoints';
import { readTestImage, testImageShardPath } from '../../shared/mnist/testImageShards';
import { mapRows } from '../lib/charts/embeddingMap';
import type { EmbeddingMapData } from '../lib/directives/embeddingMap';
import { readJson } from './dom';

type VegaData = { name?: string; values?: unknown };

export function mapData(figure: HTMLElement): EmbeddingMapData | undefined {
  return readJson<EmbeddingMapData>(figure, 'script[data-chart-points]');
}

/** The spec with every point of the map in place of the build-time sample. */
export async function withAllPoints<S extends { data?: VegaData[] }>(spec: S, map: EmbeddingMapData): Promise<S> {
  const response = await fetch(map.points);
  if (!response.ok) throw new Error(`${map.points}: HTTP ${response.status}`);
  const points = decodePoints(new Uint8Array(await response.arrayBuffer()), map.extents);
  if (points.length !== map.count) throw new Error(`${map.points}: ${points.length} points, expected ${map.count}`);
  const values = mapRows(points);
  return { ...spec, data: (spec.data ?? []).map((d) => (d.name === map.data ? { ...d, values } : d)) };
}

const shards = new Map<string, Promise<Uint8Array>>();

/** A data: URL of test image `index`: grey ones dark ink on white like the site's other test images, colour ones as they are. */
async function testImage(map: EmbeddingMapData, index: number): Promise<string> {
  const url = `${map.shards}${testImageShardPath(index)}`;
  let shard = shards.get(url);
  if (!shard) {
    shard = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    });
    shards.set(url, shard);
  }
  const { height, width, channels } = map.input;
  const { pixels } = readTestImage(await shard, index, height * width * channels);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D canvas context');
  const image = context.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    // Grey images as ink on paper (their look elsewhere on the site); colour images as they are.
    const rgb = channels === 1 ? [0, 0, 0].map(() => Math.round(255 * (1 - pixels[p]))) : [0, 1, 2].map((k) => Math.round(255 * pixels[p * channels + Math.min(k, channels - 1)]));
    image.data.set([...rgb, 255], p * 4);
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

type TooltipHandler = (handler: unknown, event: MouseEvent, item: { datum?: { index?: number } } | null, value: unknown) => void;

/** Wraps the view's tooltip so a point's tooltip also shows its test image (vega-tooltip renders the `image` field). */
export async function addImageTooltips(view: View, map: EmbeddingMapData): Promise<void> {
  // Read back the handler vega-embed installed (vega's getter takes no argument; its typings do not say so).
  const base = (view as unknown as { tooltip(): TooltipHandler }).tooltip();
  const images = new Map<number, string>();
  let hovered: number | undefined;
  const tooltip: TooltipHandler = (handler, event, item, value) => {
    const index = item?.datum?.index;
    hovered = value && typeof index === 'number' ? index : undefined;
    if (hovered === undefined || !value || typeof value !== 'object') return base(handler, event, item, value);
    const image = images.get(hovered);
    const title = map.imageTitle.replace('{index}', String(hovered));
    if (image) return base(handler, event, item, { ...(value as object), image, title });
    base(handler, event, item, value);
    testImage(map, hovered).then(
      (url) => {
        images.set(index as number, url);
        // Still on the same point: show the image now rather than at the next mouse move.
        if (hovered === index) base(handler, event, item, { ...(value as object), image: url, title });
      },
      (error) => console.warn('test image unavailable:', error),
    );
  };
  // Setting a handler resets vega's renderer: run the view again so the marks are drawn.
  view.tooltip(tooltip as never);
  await view.runAsync();
}
