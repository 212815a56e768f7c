// Charts laid out again for a phone instead of shrunk (issue #25): a second Vega-Lite spec per chart, built from
// the wide one, whose whole drawing fits NARROW_WIDTH at its own font sizes. site/scripts/charts.ts embeds it when
// the wide chart would not fit its figure. Plain functions of the spec, so the browser can use wrapTitle too.
import type { ChartSpec } from './common';

/** The width a narrow chart may take in all: a 375 px phone's text column (343 px) with a little to spare. */
export const NARROW_WIDTH = 336;
/** Panels per row for a faceted chart on a phone. */
const NARROW_COLUMNS = 2;

/** Approximate advance of one character in em: CJK and full-width forms are square, the rest 0.8 (what Vega assumes without a canvas, a little more than it takes). */
function charWidth(ch: string): number {
  return /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 1 : 0.8;
}

/**
 * Breaks a title into lines no wider than `width` px at `fontSize` (estimated per character): at spaces where
 * there are any, and between any two CJK characters otherwise. One line stays a string.
 */
export function wrapTitle(text: string, width: number, fontSize: number): string | string[] {
  const limit = width / fontSize;
  const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const token of tokens) {
    const w = [...token].reduce((sum, ch) => sum + charWidth(ch), 0);
    if (used + w > limit && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    }
    if (line === '' && /^\s+$/.test(token)) continue;
    line += token;
    used += w;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length <= 1 ? (lines[0] ?? text) : lines;
}

type Spec = Record<string, unknown> & { width?: unknown; spec?: Record<string, unknown>; columns?: number; config?: Record<string, unknown>; title?: unknown };

function titleFontSize(spec: Spec): number {
  const title = spec.config?.title as { fontSize?: number } | undefined;
  return title?.fontSize ?? 13;
}

/**
 * The spec for a phone, with `inner` px for its plot (all panels of a row together): one plot width
 * (or per-panel width for a facet, at most two panels a row), the title wrapped, legends below the plot.
 */
export function narrowSpec(wide: ChartSpec, inner: number): ChartSpec {
  const spec = structuredClone(wide) as unknown as Spec;
  const config = { ...(spec.config ?? {}) };
  config.legend = { ...((config.legend as object) ?? {}), orient: 'bottom', columns: 1 };
  spec.config = config;
  if (spec.spec && typeof spec.spec.width === 'number') {
    const columns = Math.min(spec.columns ?? 1, NARROW_COLUMNS);
    if (spec.columns !== undefined) spec.columns = columns;
    spec.spec = { ...spec.spec, width: Math.max(40, Math.floor(inner / columns)) };
  } else if (typeof spec.width === 'number') {
    spec.width = Math.max(80, Math.floor(inner));
  }
  // A row facet's labels go above their row rather than beside it, where they would take the plot's width.
  const facet = spec.facet as { row?: { header?: object } } | undefined;
  if (facet?.row) facet.row = { ...facet.row, header: { ...(facet.row.header ?? {}), labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start' } };
  const fontSize = titleFontSize(spec);
  if (typeof spec.title === 'string') spec.title = { text: wrapTitle(spec.title, NARROW_WIDTH, fontSize) };
  else if (spec.title && typeof spec.title === 'object' && typeof (spec.title as { text?: unknown }).text === 'string') {
    const title = spec.title as { text: string };
    spec.title = { ...title, text: wrapTitle(title.text, NARROW_WIDTH, fontSize) };
  }
  return spec as unknown as ChartSpec;
}

/** Which of the two layouts a figure `available` px wide shows: the wide one only where it fits unshrunk. */
export function chartLayout(available: number, wideWidth: number): 'wide' | 'narrow' {
  return available >= wideWidth ? 'wide' : 'narrow';
}

interface DataEntry {
  name?: string;
  values?: unknown;
}
type WithData = { data?: DataEntry[] };

/**
 * The narrow spec without the data values it shares with the wide one (the same name and the same values): a page
 * carries each chart's data once. `shared` names the entries to fill back with `withSharedData` before drawing.
 */
export function withoutSharedData<S extends WithData>(wide: WithData, narrow: S): { narrow: S; shared: string[] } {
  const wideValues = new Map((wide.data ?? []).filter((d) => d.name != null && d.values !== undefined).map((d) => [d.name!, JSON.stringify(d.values)]));
  const shared: string[] = [];
  const data = (narrow.data ?? []).map((d) => {
    if (d.name == null || d.values === undefined || wideValues.get(d.name) !== JSON.stringify(d.values) || JSON.stringify(d.values) === '[]') return d;
    shared.push(d.name);
    return { ...d, values: [] };
  });
  return { narrow: narrow.data ? { ...narrow, data } : narrow, shared };
}

/** The narrow spec with the values `withoutSharedData` took out, copied from the wide spec. */
export function withSharedData<S extends WithData>(wide: WithData, narrow: S, shared: readonly string[]): S {
  if (shared.length === 0 || !narrow.data) return narrow;
  const wideByName = new Map((wide.data ?? []).map((d) => [d.name, d]));
  return { ...narrow, data: narrow.data.map((d) => (d.name != null && shared.includes(d.name) ? { ...d, values: wideByName.get(d.name)?.values } : d)) };
}
