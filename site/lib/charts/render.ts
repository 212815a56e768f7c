import { parse, View, type Spec } from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './common';
import { compactSvg } from './compactSvg';
import { NARROW_WIDTH, narrowSpec } from './narrow';

export interface RenderedChart {
  /** Static SVG (readable with JS off). */
  svg: string;
  /** The compiled Vega spec: the browser embeds it with vega alone, so vega-lite never ships to readers. */
  vega: Spec;
  /** The whole drawing's width in px (plot, axes, legends, title). */
  width?: number;
  /** The same chart laid out for a phone (site/lib/charts/narrow.ts), compiled; its drawing fits NARROW_WIDTH. */
  narrow?: Spec;
  /** That layout drawn as static SVG, which a phone shows with JS off instead of the wide drawing shrunk. */
  narrowSvg?: string;
}

/** The language's description stands in for Vega's default aria-label ("Vega visualization"). */
function described(spec: ChartSpec): ChartSpec {
  const title = typeof spec.title === 'string' ? spec.title : undefined;
  return spec.description || !title ? spec : { ...spec, description: title };
}

async function draw(spec: ChartSpec): Promise<{ svg: string; vega: Spec; width: number }> {
  const { spec: vega } = compile(described(spec));
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    const svg = compactSvg(await view.toSVG());
    return { svg, vega, width: Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0) };
  } finally {
    view.finalize();
  }
}

/**
 * The narrow layout: the plot is narrowed by what the drawing overshoots NARROW_WIDTH until it fits
 * (axis labels and legends take what they take, so this is measured, not computed).
 */
async function drawNarrow(spec: ChartSpec): Promise<{ svg: string; vega: Spec }> {
  // Described before it is narrowed: the narrow title is an object of lines, not the title string.
  spec = described(spec);
  let inner = NARROW_WIDTH - 90;
  let best = await draw(narrowSpec(spec, inner));
  for (let attempt = 0; attempt < 4 && best.width > NARROW_WIDTH && inner > 60; attempt++) {
    inner = Math.max(60, inner - (best.width - NARROW_WIDTH));
    best = await draw(narrowSpec(spec, inner));
  }
  return best;
}

/** Compiles a Vega-Lite spec and renders it to an SVG string in Node (no DOM); with `narrow`, also its phone layout. */
export async function renderChart(spec: ChartSpec, { narrow = false }: { narrow?: boolean } = {}): Promise<RenderedChart> {
  const wide = await draw(spec);
  if (!narrow || wide.width <= NARROW_WIDTH) return wide;
  const narrowed = await drawNarrow(spec);
  return { ...wide, narrow: narrowed.vega, narrowSvg: narrowed.svg };
}

export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  return (await renderChart(spec)).svg;
}
