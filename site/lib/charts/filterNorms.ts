import { CHART_CONFIG, CHART_WIDTH, TRAIN_COLOR, type ChartContext, type ChartSpec } from './common';

export interface FilterNorms {
  layers: { layer: string; norms: number[] }[];
}

/** L2 norm of every filter's weights, one row per deeper conv layer: large norms mark filters that weigh more. */
export function filterNormsChart(data: FilterNorms, { t }: ChartContext): ChartSpec {
  const values = data.layers.flatMap((l) => l.norms.map((norm, filter) => ({ layer: l.layer, filter, norm })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.filterNorms.title'),
    config: CHART_CONFIG,
    data: { values },
    facet: { row: { field: 'layer', type: 'nominal', title: t('chart.layer'), sort: data.layers.map((l) => l.layer) } },
    // Each layer has its own number of filters.
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: CHART_WIDTH,
      height: 110,
      mark: { type: 'bar', color: TRAIN_COLOR },
      encoding: {
        x: { field: 'filter', type: 'ordinal', title: t('chart.filter'), axis: { labelExpr: 'datum.value % 16 === 0 ? datum.label : ""', labelAngle: 0 } },
        y: { field: 'norm', type: 'quantitative', title: t('chart.norm'), axis: { tickCount: 3 } },
        tooltip: [
          { field: 'layer', type: 'nominal', title: t('chart.layer') },
          { field: 'filter', type: 'ordinal', title: t('chart.filter') },
          { field: 'norm', type: 'quantitative', title: t('chart.norm'), format: '.3f' },
        ],
      },
    },
  };
}
