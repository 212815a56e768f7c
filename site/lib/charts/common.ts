import type { TopLevelSpec } from 'vega-lite';
import type { Translate } from '../i18n';

export type ChartSpec = TopLevelSpec;

/** Labels come from the UI dictionary so every chart is localised. */
export interface ChartContext {
  t: Translate;
}

/** For charts with a class axis or legend: one name per label in the page's language (site/lib/classLabels.ts). */
export interface ClassChartContext extends ChartContext {
  names: readonly string[];
}

export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 260;

/** Shared look: system fonts (with CJK fallbacks), dark enough text for contrast. */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
  background: '#ffffff',
  axis: { labelColor: '#333333', titleColor: '#222222', labelFontSize: 12, titleFontSize: 13, gridColor: '#e5e5e5' },
  legend: { labelColor: '#333333', titleColor: '#222222', labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
  title: { color: '#111111', fontSize: 15, anchor: 'start' as const },
  // Facet headers (the top-3 panels' titles, the layer rows) default to 10 px: no chart text under 11 px.
  header: { labelFontSize: 12, titleFontSize: 13, labelColor: '#333333', titleColor: '#222222' },
  text: { fontSize: 11 },
  view: { stroke: 'transparent' },
  // No generated ARIA text: Vega-Lite writes it in English ("X-axis titled … for a linear scale", "field: value").
  // The figure is one image named by the chart's title in the page's language (site/lib/charts/render.ts, site/scripts/charts.ts).
  aria: false,
};

export const TRAIN_COLOR = '#1f5fa8';
export const VALIDATION_COLOR = '#c2410c';
