import { buildChart, CHART_NAMES, type ChartName } from '../charts/index';
import { MEAN_ACTIVATION_DATA } from '../charts/meanActivation';
import { withoutSharedData } from '../charts/narrow';
import { renderChart, type RenderedChart } from '../charts/render';
import { escapeHtml, jsonForScript } from '../html';
import type { Translate } from '../i18n';
import { DirectiveUsageError, requireOneOf, type DirectiveContext, type DirectiveSpec } from './context';

/** What site/scripts/charts.ts needs to redraw the mean-activation chart for another sample. */
export interface ChartSamples {
  data: string;
  alive: string;
  dead: string;
  /** Per sample: the chart title and, per channel, [mean, min, max, dead 0/1]. */
  samples: Record<string, { title: string; channels: [number, number, number, 0 | 1][] }>;
}

/** vega-embed's names for the actions menu's labels (its `i18n` option), in the page's language. */
export interface ChartActionLabels {
  CLICK_TO_VIEW_ACTIONS: string;
  SVG_ACTION: string;
  PNG_ACTION: string;
}

function meanActivationSamples(layer: string, { artifacts, t }: DirectiveContext): ChartSamples {
  const round = (v: number) => Number(v.toPrecision(4));
  const samples: ChartSamples['samples'] = {};
  for (const s of artifacts.visuals.samples) {
    samples[String(s.index)] = {
      title: t('chart.meanActivation.title', { layer, sample: s.index }),
      channels: artifacts.layerStats(layer, s.index).map((c) => [round(c.mean), round(c.min), round(c.max), c.dead ? 1 : 0]),
    };
  }
  return { data: MEAN_ACTIVATION_DATA, alive: t('chart.alive'), dead: t('chart.dead'), samples };
}

/**
 * One chart's markup: the SVG drawn at build time (readable with JS off) and, as JSON, what
 * site/scripts/charts.ts needs to redraw it live: the Vega spec, the actions menu's labels, per-sample data.
 */
export function chartFigure(name: string, title: string, { svg, vega, width, narrow, narrowSvg }: RenderedChart, t: Translate, samples?: ChartSamples, extra = ''): string {
  const actions: ChartActionLabels = { CLICK_TO_VIEW_ACTIONS: t('chart.actions'), SVG_ACTION: t('chart.saveSvg'), PNG_ACTION: t('chart.savePng') };
  // The phone layout's data values ride with the wide spec only (site/scripts/charts.ts copies them back).
  const phone = narrow ? withoutSharedData(vega, narrow) : undefined;
  return [
    `<figure class="chart" data-chart="${escapeHtml(name)}"${width ? ` data-chart-width="${Math.ceil(width)}"` : ''}>`,
    // With JS off, a phone shows the narrow drawing instead of the wide one shrunk (site/styles/site.css).
    `<div class="chart-view" role="img" aria-label="${escapeHtml(title)}">${svg}${narrowSvg ? `<div class="chart-narrow-static">${narrowSvg}</div>` : ''}</div>`,
    `<script type="application/json" data-chart-spec>${jsonForScript(vega)}</script>`,
    phone ? `<script type="application/json" data-chart-narrow data-shared="${escapeHtml(phone.shared.join(' '))}">${jsonForScript(phone.narrow)}</script>` : '',
    `<script type="application/json" data-chart-actions>${jsonForScript(actions)}</script>`,
    samples ? `<script type="application/json" data-chart-samples>${jsonForScript(samples)}</script>` : '',
    extra,
    `</figure>`,
  ].join('');
}

/**
 * `::chart{name="loss"}` — the chart as inline SVG (readable with JS off) plus its compiled Vega spec,
 * which site/scripts/charts.ts hands to vega-embed (mode "vega") for tooltips and a menu to save the chart.
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
    const spec = buildChart(name, ctx.artifacts, { t: ctx.t, lang: ctx.lang }, options);
    const title = typeof spec.title === 'string' ? spec.title : name;
    // The mean-activation chart follows the sample picker: every sample's values ride along, compactly.
    const samples = name === 'mean-activation' ? meanActivationSamples(options.layer ?? ctx.artifacts.manifest.model.firstConvolution, ctx) : undefined;
    return chartFigure(name, title, await renderChart(spec, { narrow: true }), ctx.t, samples);
  },
};
