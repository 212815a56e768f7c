// The drawing pad: Pointer Events (mouse, touch, pen), white ink on black like MNIST, strokes kept
// so the last one can be undone. A test image or the reader's picture can sit underneath as the starting
// point. Only for greyscale models; the canvas has the input's aspect ratio (explorerPad).
import type { InkImage } from '../../../shared/mnist/preprocess';
import type { ModelInput } from '../../../pipeline/model/description';
import { greyOnPad, modelInputToGrey } from './modelInput';

interface Stroke {
  width: number;
  points: [number, number][];
}

export interface DrawingPad {
  /** Ink 0–1 per pad pixel (the red channel: the pad is grey). */
  ink(): InkImage;
  strokes(): number;
  /** The test image under the pen, in the model's input shape (as setBase got it). */
  base(): Float32Array | null;
  setBase(image: Float32Array | null): void;
  undo(): void;
  clear(): void;
  setBrush(width: number): void;
}

/** Pad pixels one arrow-key press moves the keyboard cursor (Shift: a fifth of it, for fine work). */
const KEY_STEP = 10;
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * `input`: the model's input shape, in which a test image set as the base comes. `cursor` is a canvas
 * stacked over the pad that shows where the keyboard pen is: kept apart so the cursor never becomes ink.
 * `onPen` reports the pen state (down or up) for the screen-reader status.
 */
export function drawingPad(canvas: HTMLCanvasElement, input: Pick<ModelInput, 'height' | 'width' | 'channels'>, onChange: () => void, cursor?: HTMLCanvasElement, onPen?: (down: boolean) => void): DrawingPad {
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  const strokes: Stroke[] = [];
  let base: Float32Array | null = null;
  let brush = 20;
  let active: Stroke | null = null;

  const render = () => {
    const { width, height } = canvas;
    if (base) {
      const ink = greyOnPad(modelInputToGrey(base, input.channels), input.height, input.width, width, height);
      const image = ctx.createImageData(width, height);
      ink.forEach((v, i) => image.data.set([v * 255, v * 255, v * 255, 255], i * 4));
      ctx.putImageData(image, 0, 0);
    } else {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, width, height);
    }
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes) {
      ctx.lineWidth = s.width;
      ctx.beginPath();
      const [x0, y0] = s.points[0];
      if (s.points.length === 1) {
        ctx.arc(x0, y0, s.width / 2, 0, Math.PI * 2);
        ctx.fill();
        continue;
      }
      ctx.moveTo(x0, y0);
      for (const [x, y] of s.points.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
  };

  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    canvas.setPointerCapture(e.pointerId);
    active = { width: brush, points: [at(e)] };
    strokes.push(active);
    render();
    onChange();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!active) return;
    active.points.push(at(e));
    render();
    onChange();
  });
  const end = () => { active = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  // Keyboard drawing: arrows move a cursor, Space or Enter puts the pen down (a new stroke) or lifts it.
  let keyPoint: [number, number] = [canvas.width / 2, canvas.height / 2];
  let keyStroke: Stroke | null = null;
  const showCursor = (visible: boolean) => {
    const c = cursor?.getContext('2d');
    if (!cursor || !c) return;
    c.clearRect(0, 0, cursor.width, cursor.height);
    if (!visible) return;
    const [x, y] = keyPoint;
    const r = Math.max(4, (keyStroke ? keyStroke.width : brush) / 2);
    c.lineWidth = 2;
    c.strokeStyle = keyStroke ? '#e4572e' : '#4fc3f7';
    c.beginPath();
    c.arc(x, y, r, 0, Math.PI * 2);
    c.moveTo(x - r - 4, y); c.lineTo(x - r + 2, y);
    c.moveTo(x + r - 2, y); c.lineTo(x + r + 4, y);
    c.stroke();
  };
  canvas.addEventListener('keydown', (e) => {
    const arrow = ARROWS[e.key];
    if (arrow) {
      const step = e.shiftKey ? KEY_STEP / 5 : KEY_STEP;
      keyPoint = [
        Math.min(canvas.width, Math.max(0, keyPoint[0] + arrow[0] * step)),
        Math.min(canvas.height, Math.max(0, keyPoint[1] + arrow[1] * step)),
      ];
      if (keyStroke) { keyStroke.points.push(keyPoint); render(); onChange(); }
    } else if (e.key === ' ' || e.key === 'Enter') {
      if (keyStroke) keyStroke = null;
      else {
        keyStroke = { width: brush, points: [keyPoint] };
        strokes.push(keyStroke);
        render();
        onChange();
      }
      onPen?.(keyStroke !== null);
    } else if (e.key === 'Escape' && keyStroke) {
      keyStroke = null;
      onPen?.(false);
    } else return;
    e.preventDefault();
    showCursor(true);
  });
  canvas.addEventListener('focus', () => showCursor(true));
  canvas.addEventListener('blur', () => { if (keyStroke) { keyStroke = null; onPen?.(false); } showCursor(false); });
  render();

  return {
    ink() {
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const ink = new Float32Array(width * height);
      for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4] / 255;
      return { width, height, ink };
    },
    strokes: () => strokes.length,
    base: () => base,
    setBase(image) {
      base = image;
      strokes.length = 0;
      keyStroke = null;
      render();
    },
    undo() {
      if (keyStroke && strokes[strokes.length - 1] === keyStroke) keyStroke = null;
      strokes.pop();
      render();
    },
    clear() {
      base = null;
      strokes.length = 0;
      keyStroke = null;
      render();
    },
    setBrush(width) {
      brush = width;
    },
  };
}
