import { filterNormsChart } from '../charts/filterNorms';
import { renderChart } from '../charts/render';
import { escapeHtml } from '../html';
import { chartFigure } from './chart';
import { artifactUrl, type DirectiveSpec } from './context';

/** `::filters` — the first convolution layer's kernels as one image, then the deeper layers' filter norms as a chart. */
export const filtersDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  async render(_attributes, { artifacts, t, base }) {
    const { filters, layers } = artifacts.visuals;
    const count = layers[0]?.shape[2] ?? 0;
    const spec = filterNormsChart(artifacts.filterNorms(), { t });
    return [
      `<figure class="filters">`,
      `<img src="${escapeHtml(artifactUrl(base, filters.grid))}" width="${filters.width}" height="${filters.height}" alt="${escapeHtml(t('filters.alt', { count }))}" loading="lazy" decoding="async">`,
      `<figcaption>${escapeHtml(t('filters.caption', { count }))}</figcaption>`,
      `</figure>`,
      chartFigure('filter-norms', t('chart.filterNorms.title'), await renderChart(spec), t),
    ].join('');
  },
};
