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
    const { filters } = artifacts.visuals;
    const model = artifacts.manifest.model;
    const first = model.layers.find((l) => l.name === model.firstConvolution);
    const vars = { count: first?.filters ?? 0, layer: model.firstConvolution, kernel: (first?.kernelSize ?? []).join('×') };
    const spec = filterNormsChart(artifacts.filterNorms(), { t });
    return [
      `<figure class="filters">`,
      // A region of its own, focusable, because on a narrow screen it scrolls sideways (keyboard readers scroll it too).
      `<div class="filters-strip" tabindex="0" role="region" aria-label="${escapeHtml(t('filters.alt', vars))}"><img src="${escapeHtml(artifactUrl(base, filters.grid))}" width="${filters.width}" height="${filters.height}" alt="${escapeHtml(t('filters.alt', vars))}" loading="lazy" decoding="async"></div>`,
      `<figcaption>${escapeHtml(t(model.input.channels === 3 ? 'filters.captionRgb' : 'filters.caption', vars))}</figcaption>`,
      `</figure>`,
      chartFigure('filter-norms', t('chart.filterNorms.title'), await renderChart(spec, { narrow: true }), t),
    ].join('');
  },
};
