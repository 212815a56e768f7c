// Attribution figures: switch the test image (with the page's sample picker, or the figure's own
// chooser) and enlarge a map on click. The data is embedded by site/lib/directives/attribution.ts.
import type { AttributionData } from '../lib/directives/attributionData';
import { fillTemplate } from '../lib/fillTemplate';
import { fillZoomList, paintWhenLoaded, readJson, setZoomLink, zoomDialog } from './dom';

const round = (v: number) => Number(v.toPrecision(4));

function openZoom(doc: Document, data: AttributionData, img: HTMLImageElement, range: [number, number, number], note: string): void {
  const dialog = zoomDialog(doc);
  (dialog.querySelector('h2') as HTMLElement).textContent = img.alt;
  (dialog.querySelector('button') as HTMLElement).textContent = data.labels.close;
  const canvas = dialog.querySelector('canvas') as HTMLCanvasElement;
  canvas.setAttribute('aria-label', img.alt);
  paintWhenLoaded(canvas, img, 'map', (ctx) => ctx.drawImage(img, 0, 0, canvas.width, canvas.height));
  const [min, max, sum] = range.map(round);
  fillZoomList(doc, dialog.querySelector('dl') as HTMLElement, [[data.labels.min, min], [data.labels.max, max], [data.labels.sum, sum]]);
  (dialog.querySelector('.zoom-state') as HTMLElement).textContent = note;
  setZoomLink(dialog);
  if (!dialog.open) dialog.showModal();
}

/** Makes every map a button (so it can be reached with the keyboard) and returns the figure's switch. */
function setUp(doc: Document, figure: HTMLElement): ((sample: string) => void) | undefined {
  const data = readJson<AttributionData>(figure, 'script[data-attribution-data]');
  if (!data) return undefined;
  let current = data.initial;
  for (const img of figure.querySelectorAll<HTMLImageElement>('.attribution-maps img')) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'map-zoom';
    img.replaceWith(button);
    button.append(img);
  }
  figure.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button.map-zoom');
    const block = button?.closest('[data-target]');
    if (!button || !block) return;
    const t = [...figure.querySelectorAll('[data-target]')].indexOf(block);
    const k = [...block.querySelectorAll('button.map-zoom')].indexOf(button);
    const map = data.samples[current]?.targets[t]?.maps[k];
    if (map) openZoom(doc, data, button.querySelector('img') as HTMLImageElement, map.range, [map.flag, map.note].filter(Boolean).join(' · '));
  });
  const show = (sample: string) => {
    const view = data.samples[sample];
    if (!view) return;
    current = sample;
    const blocks = [...figure.querySelectorAll<HTMLElement>('[data-target]')];
    while (blocks.length < view.targets.length) {
      const copy = blocks[0].cloneNode(true) as HTMLElement;
      (blocks.at(-1) as HTMLElement).after(copy);
      blocks.push(copy);
    }
    blocks.splice(view.targets.length).forEach((b) => b.remove());
    view.targets.forEach((target, t) => {
      (blocks[t].querySelector('[data-heading]') as HTMLElement).textContent = target.heading;
      blocks[t].querySelectorAll<HTMLImageElement>('img').forEach((img, k) => {
        img.src = target.maps[k].src;
        img.alt = fillTemplate(data.labels.alt, { method: data.methods[k], sample, class: target.name });
      });
      blocks[t].querySelectorAll<HTMLElement>('[data-note]').forEach((note, k) => (note.textContent = target.maps[k].note ?? ''));
      blocks[t].querySelectorAll<HTMLElement>('[data-flag]').forEach((flag, k) => {
        flag.textContent = target.maps[k].flag ?? '';
        flag.hidden = !target.maps[k].flag;
      });
    });
    (figure.querySelector('[data-attribution-caption]') as HTMLElement).textContent = view.caption;
  };
  const select = figure.querySelector<HTMLSelectElement>('select[data-attribution-select]');
  select?.addEventListener('change', () => show(select.value));
  figure.querySelectorAll<HTMLElement>('.js-only').forEach((el) => (el.hidden = false));
  return data.follow ? show : undefined;
}

export function enhanceAttributions(doc: Document): void {
  const followers = [...doc.querySelectorAll<HTMLElement>('figure[data-attribution]')].map((f) => setUp(doc, f)).filter((f) => f !== undefined);
  // The sample picker (site/scripts/gallery.ts) announces the chosen test image.
  doc.addEventListener('cnn:sample', (event) => followers.forEach((show) => show(String((event as CustomEvent).detail))));
}
