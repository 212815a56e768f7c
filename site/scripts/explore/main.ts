// The live explorer: input (pad drawing, test image or the reader's own picture) → the model's input
// shape → the model → bars, input preview and every visualized layer's grid, redrawn once per
// animation frame after any change. What it knows of the model and the data comes from the page
// (ExplorerData: network, classes and pad, from the manifest).
import { fillTemplate as fill } from '../../lib/fillTemplate';
import type { ExplorerData } from '../../lib/directives/explorer';
import { checkExplorerClasses, checkExplorerPad } from '../../lib/explore/explorerInput';
import { checkExplorerModel } from '../../lib/explore/explorerModel';
import { inputSize } from '../../../pipeline/model/description';
import { drawingToModelInput } from './modelInput';
import { loadNetwork, type Network } from './network';
import { drawingPad, type DrawingPad } from './pad';
import { paintInput, paintLayer } from './paint';
import { testImageLoader } from './testImages';

function q<T extends Element>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`explorer: missing ${selector}`);
  return el;
}

/** The input when nothing is drawn over it (a test image or a picture), and how the status names it. */
interface Base {
  pixels: Float32Array;
  origin: string;
  kind: 'test' | 'picture';
}

function setUp(section: HTMLElement): void {
  const data = JSON.parse(q(section, 'script[data-explorer-data]').textContent ?? '{}') as ExplorerData;
  const described = checkExplorerModel(data.network);
  const classes = checkExplorerClasses(data.classes, described.classes);
  const padData = checkExplorerPad(data.pad);
  const { input: shape } = described;
  const ui = q<HTMLElement>(section, '[data-explorer-ui]');
  q<HTMLElement>(section, '[data-explorer-nojs]').hidden = true;
  ui.hidden = false;
  const status = q<HTMLElement>(section, '[data-status]');
  const indexInput = q<HTMLInputElement>(section, 'input[data-index]');
  const preview = q<HTMLCanvasElement>(section, 'canvas[data-preview]');
  const maps = { gradCam: q<HTMLCanvasElement>(section, 'canvas[data-map="grad-cam"]'), gradient: q<HTMLCanvasElement>(section, 'canvas[data-map="gradient"]') };
  const mapsToggle = q<HTMLButtonElement>(section, 'button[data-maps-toggle]');
  const mapsView = q<HTMLElement>(section, '[data-maps]');
  let attribution: { explain: (input: Float32Array, target: number) => { gradCam: Float32Array; gradient: Float32Array }; paint: typeof import('./attribution').paintMap } | null = null;
  const grids = described.layers.map((l) => q<HTMLCanvasElement>(section, `canvas[data-layer="${l.name}"]`));
  const bars = Array.from({ length: described.classes }, (_, d) => [q<HTMLMeterElement>(section, `meter[data-bar="${d}"]`), q<HTMLOutputElement>(section, `output[data-bar-value="${d}"]`)] as const);
  const testImage = testImageLoader(data.artifacts, inputSize(shape));
  let network: Network | null = null;
  let base: Base | null = null;
  let pending = 0;
  let changedAt = 0;
  let updates = 0;

  const say = (text: string) => { if (status.textContent !== text) status.textContent = text; };
  const penStatus = section.querySelector<HTMLElement>('[data-pen-status]');
  const update = () => {
    pending = 0;
    if (pad) pad.undo.disabled = pad.pad.strokes() === 0;
    if (!network) return;
    const drawn = pad !== null && pad.pad.strokes() > 0;
    const input = drawn ? drawingToModelInput(pad.pad.ink(), shape, pad.rule) : base?.pixels ?? null;
    section.dataset.inputSource = drawn ? 'drawing' : base?.kind ?? 'empty';
    paintInput(preview, input, shape);
    if (!input) {
      for (const [meter, out] of bars) { meter.value = 0; out.textContent = '–'; }
      [...grids, maps.gradCam, maps.gradient].forEach((c) => c.getContext('2d')?.clearRect(0, 0, c.width, c.height));
      say(data.labels.empty);
      delete section.dataset.predicted;
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
      const origin = drawn || !base ? data.labels.drawn : base.origin;
      say(`${origin} ${fill(data.labels.prediction, { name: classes.names[top], percent: (p[top] * 100).toFixed(1) })}`);
      section.dataset.probabilities = JSON.stringify(Array.from(p));
      section.dataset.predicted = String(top);
    }
    // For the browser test: how long from the change to every grid drawn, and how many updates ran.
    section.dataset.latencyMs = (performance.now() - changedAt).toFixed(2);
    section.dataset.updates = String(++updates);
  };
  const changed = () => {
    if (!pending) { changedAt = performance.now(); pending = requestAnimationFrame(update); }
  };
  // Greyscale models only (data.pad is null for colour ones, and the page has no pad then).
  const pad: { pad: DrawingPad; rule: 'mnist' | 'fit'; undo: HTMLButtonElement } | null = padData && {
    pad: drawingPad(
      q<HTMLCanvasElement>(section, 'canvas[data-pad]'),
      shape,
      changed,
      q<HTMLCanvasElement>(section, 'canvas[data-pad-cursor]'),
      (down) => { if (penStatus) penStatus.textContent = down ? data.labels.penDown : data.labels.penUp; },
    ),
    rule: padData.rule,
    undo: q<HTMLButtonElement>(section, 'button[data-undo]'),
  };
  const setBase = (next: Base | null) => {
    base = next;
    // On the pad it sits under the pen (drawing over it starts from it); without a pad it is the input.
    pad?.pad.setBase(next ? next.pixels : null);
    changed();
  };

  const show = async (index: number) => {
    const i = Math.min(data.count - 1, Math.max(0, Math.trunc(index)));
    indexInput.value = String(i);
    const { label, pixels } = await testImage(i);
    setBase({ pixels, kind: 'test', origin: fill(data.labels.fromTest, { index: i, label: classes.names[label] ?? String(label) }) });
    section.dataset.index = String(i);
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

  // "Use your own picture": the file input, or a file dropped anywhere on the controls. Its code loads
  // on first use, as the maps' does: the page's own load stays within its weight budget.
  const usePicture = async (file: File) => {
    delete section.dataset.pictureProblem;
    say(fill(data.labels.reading, { name: file.name }));
    const { pictureProblemText, pictureToModelInput, PictureError } = await import('./picture');
    try {
      const pixels = await pictureToModelInput(file, shape, data.maxPictureSide);
      setBase({ pixels, kind: 'picture', origin: fill(data.labels.fromPicture, { name: file.name }) });
    } catch (e) {
      const problem = e instanceof PictureError ? e.problem : { kind: 'unreadable' as const, name: file.name, message: (e as Error).message };
      section.dataset.pictureProblem = problem.kind;
      say(pictureProblemText(problem, data.labels));
    }
  };
  const usePictureOrSay = (file: File) => void usePicture(file).catch((e: Error) => say(fill(data.labels.failed, { message: e.message })));
  const fileInput = q<HTMLInputElement>(section, 'input[data-own-file]');
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) usePictureOrSay(file);
  });
  const dropZone = q<HTMLElement>(section, '[data-drop-zone]');
  let beforeDrag: string | null = null;
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
  dropZone.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (beforeDrag === null) { beforeDrag = status.textContent ?? ''; say(data.labels.ownDrop); }
    dropZone.dataset.dragging = 'true';
  });
  dropZone.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  const endDrag = () => { delete dropZone.dataset.dragging; beforeDrag = null; };
  dropZone.addEventListener('dragleave', (e) => {
    if (e.relatedTarget instanceof Node && dropZone.contains(e.relatedTarget)) return;
    if (beforeDrag !== null) say(beforeDrag);
    endDrag();
  });
  dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    endDrag();
    const file = e.dataTransfer?.files[0];
    if (file) usePictureOrSay(file);
  });

  if (pad) {
    q(section, 'button[data-clear]').addEventListener('click', () => { pad.pad.clear(); base = null; changed(); });
    pad.undo.addEventListener('click', () => {
      pad.pad.undo();
      // The button disables itself once nothing is left to undo: hand focus to the pad rather than let it fall to the page.
      if (pad.pad.strokes() === 0) { pad.undo.disabled = true; q<HTMLCanvasElement>(section, 'canvas[data-pad]').focus(); }
      changed();
    });
    q<HTMLInputElement>(section, 'input[data-brush]').addEventListener('input', (e) => pad.pad.setBrush(Number((e.target as HTMLInputElement).value)));
  }
  // The maps' code and gradient kernels load on first use: the page's own load stays light.
  mapsToggle.addEventListener('click', () => {
    const open = mapsView.hidden;
    const shown = (visible: boolean) => {
      mapsView.hidden = !visible;
      mapsToggle.setAttribute('aria-expanded', String(visible));
      mapsToggle.textContent = visible ? data.labels.hideMaps : data.labels.showMaps;
    };
    if (!open) { shown(false); return; }
    void import('./attribution').then((m) => {
      if (!network) return;
      attribution ??= { explain: m.createExplainer(network.model, described), paint: m.paintMap };
      shown(true);
      changed();
    }).catch((e: Error) => say(fill(data.labels.failed, { message: e.message })));
  });

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
