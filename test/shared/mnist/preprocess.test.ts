import { describe, expect, it } from 'vitest';
import {
  centreOfMass, FIT_SIZE, inkBoundingBox, MNIST_SIZE, preprocessDrawing, upscaleToPad, type InkImage,
} from '../../../shared/mnist/preprocess';

const PAD = 280;

/** A blank pad with a filled rectangle of ink, plus an optional disc (so the ink is lopsided). */
function pad(rect: { x: number; y: number; w: number; h: number }, disc?: { cx: number; cy: number; r: number }): InkImage {
  const ink = new Float32Array(PAD * PAD);
  for (let y = rect.y; y < rect.y + rect.h; y++) for (let x = rect.x; x < rect.x + rect.w; x++) ink[y * PAD + x] = 1;
  if (disc) {
    for (let y = 0; y < PAD; y++) for (let x = 0; x < PAD; x++) if ((x - disc.cx) ** 2 + (y - disc.cy) ** 2 <= disc.r ** 2) ink[y * PAD + x] = 1;
  }
  return { width: PAD, height: PAD, ink };
}

function inkSize(input: Float32Array): { width: number; height: number } {
  const box = inkBoundingBox({ width: MNIST_SIZE, height: MNIST_SIZE, ink: input }, 0);
  if (!box) throw new Error('no ink');
  return { width: box.x1 - box.x0, height: box.y1 - box.y0 };
}

describe('preprocessDrawing', () => {
  it.each([
    ['an off-centre drawing', { x: 200, y: 10, w: 40, h: 60 }],
    ['a small drawing', { x: 130, y: 120, w: 6, h: 12 }],
    ['a huge drawing', { x: 0, y: 0, w: 200, h: 280 }],
  ])('lands %s centred, its longer side 20 pixels and its aspect kept', (_name, rect) => {
    const input = preprocessDrawing(pad(rect));
    expect(input).not.toBeNull();
    const size = inkSize(input as Float32Array);
    expect(size.height).toBe(FIT_SIZE);
    expect(size.width).toBe(Math.round((FIT_SIZE * rect.w) / rect.h));
    const com = centreOfMass(input as Float32Array, MNIST_SIZE, MNIST_SIZE);
    expect(Math.abs(com.x - MNIST_SIZE / 2)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - MNIST_SIZE / 2)).toBeLessThanOrEqual(0.5);
  });

  it('puts the centre of mass, not the bounding box, at the centre of a lopsided drawing', () => {
    const input = preprocessDrawing(pad({ x: 50, y: 50, w: 4, h: 160 }, { cx: 80, cy: 170, r: 16 })) as Float32Array;
    const com = centreOfMass(input, MNIST_SIZE, MNIST_SIZE);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    const box = inkBoundingBox({ width: MNIST_SIZE, height: MNIST_SIZE, ink: input }, 0);
    expect(box && (box.y0 + box.y1) / 2).not.toBe(14);
  });

  it('anti-aliases: a round edge that crosses a pixel gives that pixel partial ink', () => {
    const input = preprocessDrawing(pad({ x: 140, y: 140, w: 1, h: 1 }, { cx: 140, cy: 140, r: 57 })) as Float32Array;
    expect([...input].some((v) => v > 0.05 && v < 0.95)).toBe(true);
    expect(Math.max(...input)).toBeLessThanOrEqual(1);
  });

  it('returns null for an empty pad (nothing to classify)', () => {
    expect(preprocessDrawing({ width: PAD, height: PAD, ink: new Float32Array(PAD * PAD) })).toBeNull();
  });

  it('returns a fitted, centred 28×28 image unchanged when it is scaled up onto the pad (within anti-aliasing)', () => {
    const once = preprocessDrawing(pad({ x: 60, y: 40, w: 90, h: 150 }, { cx: 150, cy: 90, r: 35 })) as Float32Array;
    const twice = preprocessDrawing(upscaleToPad(once, PAD)) as Float32Array;
    const worst = Math.max(...once.map((v, i) => Math.abs(v - twice[i])));
    expect(worst).toBeLessThan(0.35);
    const mean = once.reduce((s, v, i) => s + Math.abs(v - twice[i]), 0) / once.length;
    expect(mean).toBeLessThan(0.02);
  });

  it('names the sizes when the ink array does not match them', () => {
    expect(() => preprocessDrawing({ width: 10, height: 10, ink: new Float32Array(5) })).toThrow(/10×10 = 100 ink values, got 5/);
  });
});
