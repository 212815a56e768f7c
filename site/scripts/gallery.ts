// Sample picker, feature-map galleries and the channel zoom. The data each part needs is embedded
// as JSON by the directives (site/lib/directives/gallery.ts, input.ts); channel stats are fetched on first zoom.
import { fillTemplate as fill } from '../lib/fillTemplate';
import { rovingTarget } from '../lib/keyboard/roving';
import type { GalleryData } from '../lib/directives/gallery';
import { fillZoomList, paintWhenLoaded, readJson, setImage, setZoomLink, zoomDialog } from './dom';

type CompactStats = [number, number, number, 0 | 1];
type InputData = { samples: Record<string, { src: string; width: number; height: number; alt: string; caption: string }> };

type StatsCache = Map<string, Promise<Record<string, CompactStats[]>>>;

/** Channel stats of one layer for every sample, fetched once per page (the cache lives in enhanceGalleries). */
function loadStats(statsCache: StatsCache, url: string): Promise<Record<string, CompactStats[]>> {
  let pending = statsCache.get(url);
  if (!pending) {
    pending = fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url}: ${r.status}`)))).then((d) => d.samples);
    statsCache.set(url, pending);
  }
  return pending;
}

async function openZoom(doc: Document, cache: StatsCache, data: GalleryData, img: HTMLImageElement, sample: string, channel: number): Promise<void> {
  const dialog = zoomDialog(doc);
  const l = data.labels;
  (dialog.querySelector('h2') as HTMLElement).textContent = fill(l.title, { channel });
  (dialog.querySelector('button') as HTMLElement).textContent = l.close;
  const canvas = dialog.querySelector('canvas') as HTMLCanvasElement;
  // Crop tile k out of the grid image and scale it up without smoothing, so pixels stay pixels.
  const step = data.tile + data.gap;
  paintWhenLoaded(canvas, img, String(channel), (ctx) =>
    ctx.drawImage(img, (channel % data.cols) * step, Math.floor(channel / data.cols) * step, data.tile, data.tile, 0, 0, canvas.width, canvas.height));
  canvas.setAttribute('aria-label', fill(l.title, { channel }));
  const list = dialog.querySelector('dl') as HTMLElement;
  const state = dialog.querySelector('.zoom-state') as HTMLElement;
  list.textContent = '';
  state.textContent = '';
  const link = data.dictionary;
  setZoomLink(dialog, link && { href: fill(link.href, { channel }), text: fill(link.text, { channel }) });
  if (!dialog.open) dialog.showModal();
  const stats = (await loadStats(cache, data.stats))[sample]?.[channel];
  if (!stats) return;
  const [mean, min, max, dead] = stats;
  fillZoomList(doc, list, [[l.min, min], [l.max, max], [l.mean, mean]]);
  state.textContent = dead ? l.dead : l.alive;
}

function setUpGallery(doc: Document, cache: StatsCache, figure: HTMLElement): (sample: string) => void {
  const data = readJson<GalleryData>(figure, 'script[data-gallery-data]');
  const img = figure.querySelector<HTMLImageElement>('.gallery-grid img');
  const frame = figure.querySelector<HTMLElement>('.gallery-grid');
  if (!data || !img || !frame) return () => {};
  let current = data.initial;
  // One transparent button per channel tile, positioned in percent so it follows the responsive image.
  // The geometry comes from the data, so no class can hold it; CSSOM writes (element.style) are allowed by the
  // site's Content-Security-Policy, unlike a style attribute in markup.
  const first = data.samples[current] ?? Object.values(data.samples)[0];
  if (!first) return () => {};
  const step = data.tile + data.gap;
  const buttons = Array.from({ length: data.channels }, (_, k) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'tile';
    b.style.left = `${((k % data.cols) * step * 100) / first.width}%`;
    b.style.top = `${(Math.floor(k / data.cols) * step * 100) / first.height}%`;
    b.style.width = `${(data.tile * 100) / first.width}%`;
    b.style.height = `${(data.tile * 100) / first.height}%`;
    // The layer in every name: a screen reader moving between eight grids hears which one it is in.
    b.setAttribute('aria-label', fill(data.labels.title, { channel: k }));
    b.tabIndex = k === 0 ? 0 : -1;
    b.addEventListener('click', () => void openZoom(doc, cache, data, img, current, k).catch((e) => console.warn(e)));
    return b;
  });
  // One Tab stop per grid (roving focus): the arrow keys move between tiles, Up and Down by a row.
  frame.dataset.roving = '';
  frame.setAttribute('role', 'group');
  frame.setAttribute('aria-label', img.alt);
  frame.addEventListener('keydown', (event) => {
    const next = rovingTarget(event.key, buttons.indexOf(event.target as HTMLButtonElement), { count: buttons.length, cols: data.cols });
    if (next === null) return;
    event.preventDefault();
    buttons.forEach((b, k) => (b.tabIndex = k === next ? 0 : -1));
    buttons[next].focus();
  });
  frame.append(...buttons);
  figure.querySelectorAll<HTMLElement>('.js-only').forEach((el) => (el.hidden = false));
  return (sample) => {
    const s = data.samples[sample];
    if (!s) return;
    current = sample;
    setImage(img, s);
    frame.setAttribute('aria-label', s.alt);
    (figure.querySelector('[data-gallery-caption]') as HTMLElement).textContent = s.caption;
    (figure.querySelector('[data-gallery-dead]') as HTMLElement).textContent = s.dead;
  };
}

function setUpInput(figure: HTMLElement): (sample: string) => void {
  const data = readJson<InputData>(figure, 'script[data-input-data]');
  const img = figure.querySelector('img');
  return (sample) => {
    const s = data?.samples[sample];
    if (!s || !img) return;
    setImage(img, s);
    (figure.querySelector('[data-input-caption]') as HTMLElement).textContent = s.caption;
  };
}

/** "Draw your own": the live explorer in place, its markup from the picker's template, its script loaded on first use. */
function setUpDrawOwn(doc: Document, picker: HTMLElement): void {
  const button = picker.querySelector<HTMLButtonElement>('button[data-draw-own]');
  const view = doc.querySelector<HTMLElement>('[data-draw-own-view]');
  const template = doc.querySelector<HTMLTemplateElement>('template[data-draw-own-template]');
  if (!button || !view || !template) return;
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    view.hidden = !open;
    if (!open || view.childElementCount > 0) return;
    view.append(template.content.cloneNode(true));
    import('./explore/main').then((m) => m.startExplorers(view), (e: Error) => console.warn(e));
  });
}

/**
 * The sticky picker sits over the top of the window: the page's scroll padding is its height, so a control that
 * takes focus (a tile on Shift+Tab, the draw-your-own pad) is scrolled clear of it, not left underneath.
 */
function keepFocusClearOf(doc: Document, picker: HTMLElement): void {
  const update = () => { doc.documentElement.style.scrollPaddingTop = `${Math.ceil(picker.getBoundingClientRect().height) + 8}px`; };
  update();
  if ('ResizeObserver' in window) new ResizeObserver(update).observe(picker);
}

export function enhanceGalleries(doc: Document): void {
  const pickers = [...doc.querySelectorAll<HTMLElement>('[data-sample-picker]')];
  const cache: StatsCache = new Map();
  const updates = [
    ...[...doc.querySelectorAll<HTMLElement>('figure[data-gallery]')].map((f) => setUpGallery(doc, cache, f)),
    ...[...doc.querySelectorAll<HTMLElement>('figure[data-input]')].map(setUpInput),
  ];
  const select = (sample: string) => {
    for (const picker of pickers) {
      picker.querySelectorAll('button[data-sample]').forEach((b) => b.setAttribute('aria-pressed', String(b.getAttribute('data-sample') === sample)));
    }
    updates.forEach((update) => update(sample));
    // Charts that follow the sample (site/scripts/charts.ts) listen for this.
    doc.dispatchEvent(new CustomEvent('cnn:sample', { detail: sample }));
  };
  for (const picker of pickers) {
    picker.hidden = false;
    keepFocusClearOf(doc, picker);
    setUpDrawOwn(doc, picker);
    picker.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button[data-sample]');
      if (button) select(button.getAttribute('data-sample') as string);
    });
  }
}
