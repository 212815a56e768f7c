// Small DOM helpers shared by the page scripts (galleries, attribution maps): the JSON a directive
// embeds, image swaps and the one zoom dialog of a page.

export function readJson<T>(el: Element, selector: string): T | undefined {
  const text = el.querySelector(selector)?.textContent;
  return text ? (JSON.parse(text) as T) : undefined;
}

export function setImage(img: HTMLImageElement, s: { src: string; width: number; height: number; alt: string }): void {
  img.src = s.src;
  img.width = s.width;
  img.height = s.height;
  img.alt = s.alt;
}

/** The page's zoom dialog (created on first use): a title, a canvas, a list of values and a note. */
export function zoomDialog(doc: Document): HTMLDialogElement {
  let dialog = doc.querySelector<HTMLDialogElement>('dialog.zoom');
  if (dialog) return dialog;
  dialog = doc.createElement('dialog');
  dialog.className = 'zoom';
  dialog.setAttribute('aria-labelledby', 'zoom-title');
  dialog.innerHTML = '<form method="dialog"><h2 id="zoom-title"></h2><canvas width="224" height="224" role="img"></canvas><dl></dl><p class="zoom-state"></p><p class="zoom-link" hidden><a></a></p><button value="close"></button></form>';
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog?.close(); });
  doc.body.append(dialog);
  return dialog;
}

/**
 * Paints `img` (or a crop of it) on the zoom's canvas now, or when the image arrives if it has not loaded yet
 * (lazy, or still on its way): a zoom opened early must not stay blank. `key` names what the canvas is to
 * show; a late load paints only if the canvas still shows it and the image still has the same source.
 */
export function paintWhenLoaded(canvas: HTMLCanvasElement, img: HTMLImageElement, key: string, paint: (ctx: CanvasRenderingContext2D) => void): void {
  const shown = `${img.currentSrc || img.src}#${key}`;
  canvas.dataset.shows = shown;
  const draw = () => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.dataset.shows !== shown || `${img.currentSrc || img.src}#${key}` !== shown) return;
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    paint(ctx);
  };
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  if (img.complete && img.naturalWidth > 0) draw();
  else {
    img.loading = 'eager';
    img.addEventListener('load', draw, { once: true });
  }
}

/** Shows a link under the dialog's values (e.g. to a channel's dictionary entry), or hides it. */
export function setZoomLink(dialog: HTMLDialogElement, link?: { href: string; text: string }): void {
  const p = dialog.querySelector<HTMLElement>('.zoom-link');
  const a = p?.querySelector('a');
  if (!p || !a) return;
  p.hidden = !link;
  a.href = link?.href ?? '';
  a.textContent = link?.text ?? '';
}

/** Fills the dialog's list with term/value pairs. */
export function fillZoomList(doc: Document, list: HTMLElement, rows: readonly (readonly [string, string | number])[]): void {
  list.textContent = '';
  for (const [term, value] of rows) {
    const dt = doc.createElement('dt');
    dt.textContent = term;
    const dd = doc.createElement('dd');
    dd.textContent = String(value);
    list.append(dt, dd);
  }
}
