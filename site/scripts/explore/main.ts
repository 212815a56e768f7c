// The live explorer: input (pad or test image) → MNIST preprocessing → the model's input shape → the
// model → bars, input preview and every visualized layer's grid, redrawn once per animation frame after
// any change. What it knows of the model comes from the page (ExplorerData.network, from the manifest).
import { fillTemplate as fill } from '../../lib/fillTemplate';
import type { ExplorerData } from '../../lib/directives/explorer';
import { checkExplorerModel } from '../../lib/explore/explorerModel';
import { inputSize } from '../../../pipeline/model/description';
import { drawingToModelInput } from './modelInput';
import { loadNetwork, type Network } from './network';
import { drawingPad } from './pad';
import { paintInput, paintLayer } from './paint';
import { testImageLoader } from './testImages';


function q<T extends Element>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`explorer: missing ${selector}`);
  return el;
}

function setUp(section: HTMLElement): void {
  const data = JSON.parse(q(section, 'script[data-explorer-data]').textContent ?? '{}') as ExplorerData;
  const described = checkExplorerModel(data.network);
  const { input: shape } = described;
  const ui = q<HTMLElement>(section, '[data-explorer-ui]');
  q<HTMLElement>(section, '[data-explorer-nojs]').hidden = true;
  ui.hidden = false;
  const status = q<HTMLElement>(section, '[data-status]');
  const indexInput = q<HTMLInputElement>(section, 'input[data-index]');
  const undo = q<HTMLButtonElement>(section, 'button[data-undo]');
  const preview = q<HTMLCanvasElement>(section, 'canvas[data-preview]');
  const maps = { gradCam: q<HTMLCanvasElement>(section, 'canvas[data-map="grad-cam"]'), gradient: q<HTMLCanvasElement>(section, 'canvas[data-map="gradient"]') };
  const mapsToggle = q<HTMLButtonElement>(section, 'button[data-maps-toggle]');
  const mapsView = q<HTMLElement>(section, '[data-maps]');
  let attribution: { explain: (input: Float32Array, target: number) => { gradCam: Float32Array; gradient: Float32Array }; paint: typeof import('./attribution').paintMap } | null = null;
  const grids = described.layers.map((l) => q<HTMLCanvasElement>(section, `canvas[data-layer="${l.name}"]`));
  const bars = Array.from({ length: described.classes }, (_, d) => [q<HTMLMeterElement>(section, `meter[data-bar="${d}"]`), q<HTMLOutputElement>(section, `output[data-bar-value="${d}"]`)] as const);
  const testImage = testImageLoader(data.artifacts, inputSize(shape));
  let network: Network | null = null;
  let source: { index: number; label: number } | null = null;
  let pending = 0;
  let changedAt = 0;
  let updates = 0;

  const say = (text: string) => { if (status.textContent !== text) status.textContent = text; };
  const update = () => {
    pending = 0;
    undo.disabled = pad.strokes() === 0;
    if (!network) return;
    const base = pad.base();
    const input = pad.strokes() === 0 && base ? base : drawingToModelInput(pad.ink(), shape);
    paintInput(preview, input, shape);
    if (!input) {
      for (const [meter, out] of bars) { meter.value = 0; out.textContent = '–'; }
      [...grids, maps.gradCam, maps.gradient].forEach((c) => c.getContext('2d')?.clearRect(0, 0, c.width, c.height));
      say(data.labels.empty);
    } else {
      const result = network.run(input);
      result.layers.forEach((layer, i) => paintLayer(grids[i], layer));
      const p = result.probabilities;
      bars.forEach(([meter, out], d) => { meter.value = p[d]; out.textContent = `${(p[d] * 100).toFixed(1)} %`; });
      const top = p.indexOf(Math.max(...p));
      if (attribution && !mapsView.hidden) {
        const explained = attribution.explain(input, top);
        attribution.paint(maps.gradCam, explained.gradCam, input, shape);
        attribution.paint(maps.gradient, explained.gradient, input, shape);
        section.dataset.mapsFor = String(top);
      }
      const origin = source && pad.strokes() === 0 ? fill(data.labels.fromTest, source) : data.labels.drawn;
      say(`${origin} ${fill(data.labels.prediction, { digit: top, percent: (p[top] * 100).toFixed(1) })}`);
      section.dataset.probabilities = JSON.stringify(Array.from(p));
    }
    // For the browser test: how long from the change to every grid drawn, and how many updates ran.
    section.dataset.latencyMs = (performance.now() - changedAt).toFixed(2);
    section.dataset.updates = String(++updates);
  };
  const changed = () => {
    if (!pending) { changedAt = performance.now(); pending = requestAnimationFrame(update); }
  };
  const pad = drawingPad(
    q<HTMLCanvasElement>(section, 'canvas[data-pad]'),
    shape,
    () => { if (pad.strokes() > 0 && !pad.base()) source = null; changed(); },
    q<HTMLCanvasElement>(section, 'canvas[data-pad-cursor]'),
    (down) => say(down ? data.labels.penDown : data.labels.penUp),
  );

  const show = async (index: number) => {
    const i = Math.min(data.count - 1, Math.max(0, Math.trunc(index)));
    indexInput.value = String(i);
    const { label, pixels } = await testImage(i);
    source = { index: i, label };
    pad.setBase(pixels);
    section.dataset.index = String(i);
    changed();
  };
  const current = () => Number(indexInput.value || data.initial);
  const showOrSay = (index: number) => void show(index).catch((e: Error) => say(fill(data.labels.failed, { message: e.message })));
  indexInput.addEventListener('change', () => { if (indexInput.value !== '' && Number.isFinite(Number(indexInput.value))) showOrSay(Number(indexInput.value)); });
  q(section, 'button[data-prev]').addEventListener('click', () => showOrSay(current() - 1));
  q(section, 'button[data-next]').addEventListener('click', () => showOrSay(current() + 1));
  q(section, 'button[data-misclassified]').addEventListener('click', () => {
    const next = data.misclassified.find((i) => i > current()) ?? data.misclassified[0];
    if (next !== undefined) showOrSay(next);
  });
  q(section, 'button[data-clear]').addEventListener('click', () => { pad.clear(); source = null; changed(); });
  // The maps' code and gradient kernels load on first use: the page's own load stays light.
  mapsToggle.addEventListener('click', () => {
    const show = mapsView.hidden;
    mapsToggle.setAttribute('aria-expanded', String(show));
    if (!show) { mapsView.hidden = true; return; }
    void import('./attribution').then((m) => {
      if (!network) return;
      attribution ??= { explain: m.createExplainer(network.model, described), paint: m.paintMap };
      mapsView.hidden = false;
      changed();
    }).catch((e: Error) => say(fill(data.labels.failed, { message: e.message })));
  });
  undo.addEventListener('click', () => { pad.undo(); changed(); });
  q<HTMLInputElement>(section, 'input[data-brush]').addEventListener('input', (e) => pad.setBrush(Number((e.target as HTMLInputElement).value)));

  say(data.labels.loading);
  loadNetwork(data.model, described)
    .then((n) => { network = n; section.dataset.ready = 'true'; return show(data.initial); })
    .catch((e: Error) => say(fill(data.labels.failed, { message: e.message })));
}

/** Starts every explorer under `root` (the explore page, or the article's "draw your own" view). */
export function startExplorers(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-explorer]').forEach((section) => {
    try {
      setUp(section);
    } catch (e) {
      // Page data the script cannot use (an older build, a damaged manifest): say why where the explorer would be.
      const note = section.querySelector<HTMLElement>('[data-explorer-nojs]');
      if (note) note.textContent = (e as Error).message;
      throw e;
    }
  });
}
