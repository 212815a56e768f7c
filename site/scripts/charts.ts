// Makes the build-time SVG charts interactive (tooltips, an actions menu to save the chart). vega-embed is
// imported only when a chart comes near the viewport, so pages stay light and charts still read with JavaScript off.
// Specs arrive compiled to Vega, and the client build swaps vega-lite for a stub (site/lib/build/vegaLiteStub.ts).
// A chart that carries per-sample data (mean activation) is redrawn when the sample picker changes.
// The site runs under a strict Content-Security-Policy (site/lib/security/policy.ts), hence the embed options:
// `ast: true` evaluates Vega expressions with vega-interpreter instead of `new Function`, and vega-embed and
// vega-tooltip inject no <style> element: their rules live in site/styles/charts.css.
import type { EmbedOptions, Result } from 'vega-embed';
import type { ChartActionLabels, ChartSamples } from '../lib/directives/chart';
import { chartLayout, NARROW_WIDTH, withSharedData, wrapTitle } from '../lib/charts/narrow';
import { addImageTooltips, mapData, withAllPoints } from './embeddingMap';

/** Fired on document by site/scripts/gallery.ts; detail is the test-set index as a string. */
export const SAMPLE_EVENT = 'cnn:sample';

type VegaSpec = { title?: { text?: unknown } | string; data?: { name?: string; values?: unknown }[] };

function readJson<T>(figure: HTMLElement, selector: string): T | undefined {
  const text = figure.querySelector(selector)?.textContent;
  return text ? (JSON.parse(text) as T) : undefined;
}

/** The title's text as one string (a narrow chart's title is wrapped into lines). */
function titleText(spec: VegaSpec): string | undefined {
  const text = typeof spec.title === 'object' ? spec.title.text : spec.title;
  return Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : undefined;
}

/** The spec with another sample's values and title (wrapped as the narrow layout wraps titles). */
function specForSample(spec: VegaSpec, samples: ChartSamples, sample: string, narrow: boolean): VegaSpec | undefined {
  const chosen = samples.samples[sample];
  if (!chosen) return undefined;
  const values = chosen.channels.map(([mean, min, max, dead], channel) => ({ channel, mean, min, max, state: dead ? samples.dead : samples.alive }));
  const text = narrow ? wrapTitle(chosen.title, NARROW_WIDTH, 15) : chosen.title;
  return {
    ...spec,
    title: typeof spec.title === 'object' ? { ...spec.title, text } : Array.isArray(text) ? { text } : text,
    data: (spec.data ?? []).map((d) => (d.name === samples.data ? { ...d, values } : d)),
  };
}

function embedOptions(figure: HTMLElement): EmbedOptions {
  const labels = readJson<ChartActionLabels>(figure, 'script[data-chart-actions]');
  return {
    mode: 'vega',
    renderer: 'svg',
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
    // Without defaultStyle, vega-embed only builds its <details> menu when asked to.
    forceActionsMenu: true,
    actions: { export: { svg: true, png: true }, source: false, compiled: false, editor: false },
    downloadFileName: figure.dataset.chart ?? 'chart',
    ...(labels ? { i18n: labels } : {}),
  };
}

/** The live view of each figure, finalized when the figure is redrawn (it holds listeners on the document). */
const embedded = new WeakMap<HTMLElement, Result>();

async function draw(figure: HTMLElement, spec: VegaSpec): Promise<void> {
  const view = figure.querySelector<HTMLElement>('.chart-view');
  if (!view) return;
  const { default: embed } = await import('vega-embed');
  const target = document.createElement('div');
  const options = embedOptions(figure);
  // The embedding map: all points from their file, and each test image in its tooltip.
  const map = mapData(figure);
  const result = await embed(target, (map ? await withAllPoints(spec, map) : spec) as never, options);
  if (map) await addImageTooltips(result.view, map);
  // The menu button holds only an icon: give it the menu's name.
  target.querySelector('summary')?.setAttribute('aria-label', options.i18n?.CLICK_TO_VIEW_ACTIONS ?? '');
  // Swap only once vega has rendered, so a failure leaves the previous chart in place.
  view.replaceChildren(target);
  embedded.get(figure)?.finalize();
  embedded.set(figure, result);
  const title = titleText(spec);
  if (typeof title === 'string') view.setAttribute('aria-label', title);
  // The static chart was one image; the live one holds a menu button, which an image role may not contain.
  view.setAttribute('role', 'group');
  // The drawing itself is one image named by the title: vega's own roles and descriptions are English.
  const svg = target.querySelector('.chart-wrapper svg');
  if (svg && typeof title === 'string') {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
    svg.removeAttribute('aria-roledescription');
    // vega-embed's wrapper is no document of its own either: the figure's group and the image name the chart.
    const wrapper = target.querySelector('.chart-wrapper');
    for (const name of ['role', 'aria-roledescription', 'aria-label']) wrapper?.removeAttribute(name);
    // Inside an image nothing has a role of its own: vega's mark roles and role descriptions ("line mark") go.
    for (const el of svg.querySelectorAll('[role], [aria-roledescription], [aria-label]')) {
      el.removeAttribute('role');
      el.removeAttribute('aria-roledescription');
      el.removeAttribute('aria-label');
    }
  }
  figure.dataset.enhanced = 'true';
}

export function enhanceCharts(root: Document): void {
  const figures = [...root.querySelectorAll<HTMLElement>('figure[data-chart]')];
  if (figures.length === 0) return;
  const selected = new Map<HTMLElement, string>(); // sample chosen before the chart was enhanced
  const layouts = new WeakMap<HTMLElement, 'wide' | 'narrow'>();
  const layoutOf = (figure: HTMLElement): 'wide' | 'narrow' => {
    const available = figure.querySelector<HTMLElement>('.chart-view')?.clientWidth ?? 0;
    const wide = Number(figure.dataset.chartWidth ?? 0);
    return figure.querySelector('script[data-chart-narrow]') && available > 0 ? chartLayout(available, wide) : 'wide';
  };
  const render = (figure: HTMLElement): Promise<void> => {
    // On a phone the chart is laid out again (site/lib/charts/narrow.ts), not shrunk until its labels are unreadable.
    const layout = layoutOf(figure);
    layouts.set(figure, layout);
    figure.dataset.layout = layout;
    const wideSpec = readJson<VegaSpec>(figure, 'script[data-chart-spec]');
    const narrowScript = figure.querySelector<HTMLElement>('script[data-chart-narrow]');
    const narrowSpec = layout === 'narrow' ? readJson<VegaSpec>(figure, 'script[data-chart-narrow]') : null;
    const shared = (narrowScript?.dataset.shared ?? '').split(' ').filter(Boolean);
    const spec = narrowSpec && wideSpec ? withSharedData(wideSpec as never, narrowSpec, shared) : wideSpec;
    if (!spec) return Promise.resolve();
    const samples = readJson<ChartSamples>(figure, 'script[data-chart-samples]');
    const sample = selected.get(figure);
    const chosen = samples && sample ? specForSample(spec, samples, sample, layout === 'narrow') : undefined;
    return draw(figure, chosen ?? spec).catch((error) => console.warn('chart stays static:', error));
  };
  root.addEventListener(SAMPLE_EVENT, (event) => {
    const sample = (event as CustomEvent<string>).detail;
    for (const figure of figures) {
      if (!figure.querySelector('script[data-chart-samples]')) continue;
      selected.set(figure, sample);
      if (figure.dataset.enhanced === 'true') render(figure);
    }
  });
  // A figure that changes width past its wide chart's width (a phone turned, a window resized) is laid out again.
  if ('ResizeObserver' in window) {
    const resized = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const figure = entry.target as HTMLElement;
        if (figure.dataset.enhanced === 'true' && layouts.get(figure) !== layoutOf(figure)) render(figure);
      }
    });
    figures.forEach((f) => resized.observe(f));
  }
  if (!('IntersectionObserver' in window)) {
    figures.forEach(render);
    return;
  }
  const started = new Set<HTMLElement>();
  const start = (figure: HTMLElement): Promise<void> => {
    if (started.has(figure)) return Promise.resolve();
    started.add(figure);
    observer.unobserve(figure);
    return render(figure);
  };
  // Charts near the viewport first; the others one by one while the page is idle after load, so every chart's
  // menu and controls are in the tab order soon after load, not only once the reader has scrolled to them.
  const observer = new IntersectionObserver(
    (entries) => entries.forEach((entry) => entry.isIntersecting && void start(entry.target as HTMLElement)),
    { rootMargin: '200px 0px' },
  );
  figures.forEach((f) => observer.observe(f));
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 50));
  const startNext = () => {
    const next = figures.find((f) => !started.has(f));
    if (next) void start(next).then(() => idle(startNext));
  };
  if (document.readyState === 'complete') idle(startNext);
  else window.addEventListener('load', () => idle(startNext), { once: true });
}
