// Training timelapse: the slider (and the two jump buttons) swap the kernel and feature-map pictures to
// the chosen epoch. The data is embedded by site/lib/directives/timelapse.ts; without this script the
// figure shows the starting epoch and a filmstrip.
import type { TimelapseData } from '../lib/directives/timelapseData';
import { readJson } from './dom';

function setUp(figure: HTMLElement): void {
  const data = readJson<TimelapseData>(figure, 'script[data-timelapse-data]');
  const range = figure.querySelector<HTMLInputElement>('input[data-timelapse-range]');
  const kernels = figure.querySelector<HTMLImageElement>('img[data-timelapse-kernels]');
  const maps = figure.querySelector<HTMLImageElement>('img[data-timelapse-maps]');
  const value = figure.querySelector<HTMLElement>('[data-timelapse-value]');
  if (!data || !range || !kernels || !maps || !value) return;
  const show = (position: number) => {
    const frame = data.frames[position];
    if (!frame) return;
    range.value = String(position);
    range.setAttribute('aria-valuetext', frame.value);
    kernels.src = frame.kernels;
    kernels.alt = frame.kernelsAlt;
    maps.src = frame.maps;
    maps.alt = frame.mapsAlt;
    value.textContent = frame.value;
    figure.dataset.epoch = String(frame.epoch);
  };
  range.addEventListener('input', () => show(Number(range.value)));
  figure.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-timelapse-go]');
    if (!button) return;
    show(Number(button.dataset.timelapseGo));
    range.focus();
  });
  figure.querySelectorAll<HTMLElement>('.js-only').forEach((el) => (el.hidden = false));
  show(data.initial);
}

export function enhanceTimelapses(doc: Document): void {
  doc.querySelectorAll<HTMLElement>('figure[data-timelapse]').forEach(setUp);
}
