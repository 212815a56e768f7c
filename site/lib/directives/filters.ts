import { filterNormsChart } from '../charts/filterNorms';
import { renderChart } from '../charts/render';
import { escapeHtml } from '../html';
import { chartFigure } from './chart';
import { describedLayer } from '../../../pipeline/model/description';
import { artifactUrl, type DirectiveSpec } from './context';
import { kernelSizeText } from './kernelSize';

/** `::filters` — the first convolution layer's kernels as one image, then the deeper layers' filter norms as a chart. */
export const filtersDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  async render(_attributes, { artifacts, t, base }) {
    const { filters } = artifacts.visuals;
    const { model } = artifacts.manifest;
    const layer = model.firstConvolution;
    const first = describedLayer(model, layer);
    const vars = { layer, count: first.filters ?? first.outputShape[first.outputShape.length - 1], kernel: kernelSizeText(model, layer) };
    const spec = filterNormsChart(artifacts.filterNorms(), { t });
    return [
      `<figure class="filters">`,
      `<img src="${escapeHtml(artifactUrl(base, filters.grid))}" width="${filters.width}" height="${filters.height}" alt="${escapeHtml(t('filters.alt', vars))}" loading="lazy" decoding="async">`,
      `<figcaption>${escapeHtml(t('filters.caption', vars))}</figcaption>`,
      `</figure>`,
      chartFigure('filter-norms', t('chart.filterNorms.title'), await renderChart(spec), t),
    ].join('');
  },
};
