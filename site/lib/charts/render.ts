import { parse, View, type Spec } from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './common';
import { compactSvg } from './compactSvg';

export interface RenderedChart {
  /** Static SVG (readable with JS off). */
  svg: string;
  /** The compiled Vega spec: the browser embeds it with vega alone, so vega-lite never ships to readers. */
  vega: Spec;
}

/** Compiles a Vega-Lite spec and renders it to an SVG string in Node (no DOM). */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  const { spec: vega } = compile(spec);
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return { svg: compactSvg(await view.toSVG()), vega };
  } finally {
    view.finalize();
  }
}

export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  return (await renderChart(spec)).svg;
}
