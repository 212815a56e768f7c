import type { EmbeddingIndex } from '../../../pipeline/explain/embedding/embeddingIndex';
import type { MapPoint } from '../../../shared/embedding/mapPoints';
import { describedLayer } from '../../../pipeline/model/description';
import { classColours, EMBEDDING_DATA, embeddingMapChart, mapRows } from '../charts/embeddingMap';
import { classNamesFor } from '../classLabels';
import { renderChart } from '../charts/render';
import { formatInt } from '../format/number';
import { escapeHtml, jsonForScript } from '../html';
import { artifactUrl, type DirectiveSpec } from './context';
import { chartFigure } from './chart';

/** Points the build draws into the static SVG: every misclassified image and an even sample of the rest. */
export const STATIC_POINTS = 200;

/** What site/scripts/embeddingMap.ts needs to draw every point and show each test image in the tooltip. */
export interface EmbeddingMapData {
  data: string;
  points: string; // URL of points.u16
  extents: EmbeddingIndex['extents'];
  count: number;
  shards: string; // URL of the artifacts folder: the test-image shards sit under it
  imageTitle: string; // 'Test image {index}' in the page's language
  /** The test images' shape (the model's input), to read a record from its shard and draw it. */
  input: { height: number; width: number; channels: number };
}

export function staticSample(points: MapPoint[], limit = STATIC_POINTS): MapPoint[] {
  const step = Math.max(1, Math.ceil(points.length / limit));
  return points.filter((p, i) => i % step === 0 || p.label !== p.predicted);
}

/**
 * `::embedding-map` — the test set placed by its codes at the model's embedding layer (the last hidden Dense,
 * else the global pooling), UMAP or PCA (a keyboard-reachable radio group once the script runs). The HTML
 * carries a sample drawn at build time; the script loads all points (10 bytes each). A model with neither
 * layer has no embedding: the directive says so in a short note instead.
 */
export const embeddingMapDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  async render(_attributes, { artifacts, t, base, lang }) {
    const { model } = artifacts.manifest;
    if (model.embedding === null) return `<p class="chart-note embedding-none" data-embedding-none>${escapeHtml(t('chart.embedding.none'))}</p>`;
    const { index, points } = artifacts.embedding();
    const names = classNamesFor(artifacts.manifest.data.classes, lang);
    const ctx = { t, names };
    const shown = staticSample(points);
    const units = describedLayer(model, model.embedding).outputShape.reduce((a, b) => a * b, 1);
    const spec = embeddingMapChart(mapRows(shown), ctx, { layer: model.embedding, units });
    const data: EmbeddingMapData = {
      data: EMBEDDING_DATA,
      points: artifactUrl(base, index.files.points),
      extents: index.extents,
      count: index.count,
      shards: artifactUrl(base, ''),
      imageTitle: t('chart.embedding.image', { index: '{index}' }),
      input: { height: model.input.height, width: model.input.width, channels: model.input.channels },
    };
    const notes = [t('chart.embedding.sampleNote', { shown: formatInt(shown.length, lang), count: formatInt(index.count, lang) })];
    // Too many classes for a colour legend (classColours): the note says how the colours run.
    if (!classColours(names.length).legend) notes.push(t('chart.embedding.colourNote', { count: names.length, first: names[0], last: names[names.length - 1] }));
    const note = `<figcaption class="chart-note">${notes.map(escapeHtml).join(' ')}</figcaption>`;
    const extra = `<script type="application/json" data-chart-points>${jsonForScript(data)}</script>${note}`;
    const rendered = await renderChart(spec, { narrow: true });
    // The script fills in every point; the sample stays only in the SVG, not again in the specs.
    const withoutPoints = (vega: typeof rendered.vega) => ({ ...vega, data: vega.data?.map((d) => (d.name === EMBEDDING_DATA ? { ...d, values: [] } : d)) });
    const vega = withoutPoints(rendered.vega);
    const narrow = rendered.narrow && withoutPoints(rendered.narrow);
    // Without scripts, one drawing only, the phone layout where there is one: each carries the sampled points,
    // and two copies would take the channels page past its weight budget; a narrow map reads well on a desktop too.
    const drawn = { svg: rendered.narrowSvg ?? rendered.svg, vega, width: rendered.width, narrow };
    return chartFigure('embedding', typeof spec.title === 'string' ? spec.title : 'embedding', drawn, t, undefined, extra);
  },
};
