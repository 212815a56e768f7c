// Makes the build-time SVG charts interactive (tooltips). vega-embed is imported only when a chart
// comes near the viewport, so pages stay light and charts still read with JavaScript off.
// Specs arrive compiled to Vega, and the client build swaps vega-lite for a stub (site/lib/build/vegaLiteStub.ts).

async function embedChart(figure: HTMLElement): Promise<void> {
  const specText = figure.querySelector('script[data-chart-spec]')?.textContent;
  const view = figure.querySelector<HTMLElement>('.chart-view');
  if (!specText || !view) return;
  const { default: embed } = await import('vega-embed');
  const target = document.createElement('div');
  target.className = 'chart-live';
  await embed(target, JSON.parse(specText), { mode: 'vega', actions: false, renderer: 'svg' });
  // Swap only once vega has rendered, so a failure leaves the static chart in place.
  view.replaceChildren(...target.childNodes);
  figure.dataset.enhanced = 'true';
}

export function enhanceCharts(root: Document): void {
  const figures = [...root.querySelectorAll<HTMLElement>('figure[data-chart]')];
  if (figures.length === 0) return;
  const run = (figure: HTMLElement) => embedChart(figure).catch((error) => console.warn('chart stays static:', error));
  if (!('IntersectionObserver' in window)) {
    figures.forEach(run);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void run(entry.target as HTMLElement);
      }
    },
    { rootMargin: '200px 0px' },
  );
  figures.forEach((f) => observer.observe(f));
}
