import { buildChart, CHART_NAMES, type ChartName } from '../charts/index';
import { renderChart } from '../charts/render';
import { escapeHtml, jsonForScript } from '../html';
import { DirectiveUsageError, requireOneOf, type DirectiveSpec } from './context';

/**
 * `::chart{name="loss"}` — the chart as inline SVG (readable with JS off) plus its compiled Vega spec,
 * which site/scripts/charts.ts hands to vega-embed (mode "vega") for tooltips.
 */
export const chartDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: ['name', 'layer'],
  async render(attributes, ctx) {
    const name = requireOneOf(attributes.name, CHART_NAMES, 'chart name') as ChartName;
    const options: { layer?: string } = {};
    if (attributes.layer !== undefined) {
      if (name !== 'mean-activation') throw new DirectiveUsageError(`the layer attribute only applies to the mean-activation chart`);
      options.layer = requireOneOf(attributes.layer, ctx.artifacts.visuals.layers.map((l) => l.name), 'layer');
    }
    const spec = buildChart(name, ctx.artifacts, { t: ctx.t }, options);
    const { svg, vega } = await renderChart(spec);
    const title = typeof spec.title === 'string' ? spec.title : name;
    return [
      `<figure class="chart" data-chart="${escapeHtml(name)}">`,
      `<div class="chart-view" role="img" aria-label="${escapeHtml(title)}">${svg}</div>`,
      `<script type="application/json" data-chart-spec>${jsonForScript(vega)}</script>`,
      `</figure>`,
    ].join('');
  },
};
