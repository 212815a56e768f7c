// The static chart SVGs ride inside every page (readable with JS off), so their size is page weight.
// Vega writes the font stack on every <text> and coordinates to 15 digits; neither is visible.

const GEOMETRY_ATTRIBUTES = /\s(transform|d|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g;
const LONG_DECIMAL = /-?\d+\.\d{3,}(?:e-?\d+)?/g;

/** Rounds a number to 1/100 of a pixel, as short as it prints ("12.5", not "12.50"). */
function round(value: string): string {
  const rounded = Number(Number(value).toFixed(2));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Paths that draw nothing (once INNER_ATTRIBUTES are gone): a group's empty background (zero area) and its hidden foreground. */
const INVISIBLE_PATHS = /<path class="background" d="M0,0h0v0h0Z"\s*(?:\/>|><\/path>)|<path class="foreground" d="" display="none"\s*(?:\/>|><\/path>)/g;
/**
 * ARIA inside the drawing, and pointer-events on a picture nobody points at: the figure's wrapper is role="img"
 * with the chart's name (site/lib/directives/chart.ts), which makes everything inside it presentational.
 */
const INNER_ATTRIBUTES = /\s(?:role|aria-roledescription|aria-label|aria-hidden|pointer-events)="[^"]*"/g;

/**
 * Shrinks Vega's static SVG without changing what it shows: the font family every text repeats moves to
 * the root <svg> (an inherited presentation attribute), geometry attributes are rounded to 0.01 px, paths
 * that draw nothing and the ARIA of the drawing's parts (its wrapper names the whole chart) are left out.
 * Text content is left alone (a label "0.0015" must stay "0.0015").
 */
export function compactSvg(svg: string): string {
  const fonts = [...svg.matchAll(/<text[^>]*\sfont-family="([^"]*)"/g)].map((m) => m[1] as string);
  const shared = fonts.length > 0 && fonts.every((f) => f === fonts[0]) ? fonts[0] : undefined;
  let out = svg.replace(INNER_ATTRIBUTES, '').replace(INVISIBLE_PATHS, '').replace(GEOMETRY_ATTRIBUTES, (_, name: string, value: string) => ` ${name}="${value.replace(LONG_DECIMAL, round)}"`);
  if (shared !== undefined) {
    out = out.replaceAll(` font-family="${shared}"`, '').replace(/^<svg\b/, `<svg font-family="${shared}"`);
  }
  return out;
}
