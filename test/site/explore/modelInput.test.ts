// The explorer's input in the model's shape: the pad's 28×28 MNIST image resampled to height × width
// and copied into each channel; colour shown as grey; byte-scale models fed 0–255.
import { describe, expect, it } from 'vitest';
import { preprocessDrawing, upscaleToPad } from '../../../shared/mnist/preprocess';
import { fitImage } from '../../../shared/data/fitImage';
import { drawingToModelInput, greyOnPad, greyToModelInput, inkToPicture, modelInputToGrey, toModelScale } from '../../../site/scripts/explore/modelInput';

/** A 28×28 image with a bright 14×14 square in its top-left quarter. */
function quarter(): Float32Array {
  const img = new Float32Array(784);
  for (let y = 0; y < 14; y++) for (let x = 0; x < 14; x++) img[y * 28 + x] = 1;
  return img;
}

describe('greyToModelInput', () => {
  it('returns the tutorial’s 28×28×1 input as it is', () => {
    const img = quarter();
    expect(greyToModelInput(img, { height: 28, width: 28, channels: 1 })).toBe(img);
  });

  it('resamples to a smaller size by area: each output pixel is the mean of the pixels it covers', () => {
    const out = greyToModelInput(quarter(), { height: 14, width: 14, channels: 1 });
    expect(out).toHaveLength(196);
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[6]).toBeCloseTo(1, 6);
    expect(out[7]).toBeCloseTo(0, 6);
    expect(out[7 * 14]).toBeCloseTo(0, 6);
    // 4×4 output: each pixel covers 7×7 source pixels, and the square covers exactly the first 2×2 of them.
    expect(Array.from(greyToModelInput(quarter(), { height: 4, width: 4, channels: 1 }), (v) => Math.round(v * 1000) / 1000)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('resamples to a rectangle, height and width each', () => {
    const out = greyToModelInput(quarter(), { height: 2, width: 4, channels: 1 });
    expect(Array.from(out, (v) => Math.round(v * 1000) / 1000)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('copies the grey level into each of three colour channels, channels last', () => {
    const out = greyToModelInput(quarter(), { height: 2, width: 2, channels: 3 });
    expect(Array.from(out, (v) => Math.round(v * 1000) / 1000)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('names the sizes when the grey image is not side × side', () => {
    expect(() => greyToModelInput(new Float32Array(10), { height: 28, width: 28, channels: 1 })).toThrow('expected 28×28 = 784 values, got 10');
  });
});

describe('drawingToModelInput', () => {
  it('is the MNIST preprocessing itself for the tutorial’s input, and null for an empty pad', () => {
    const pad = upscaleToPad(quarter(), 280);
    expect(drawingToModelInput(pad, { height: 28, width: 28, channels: 1 })).toEqual(preprocessDrawing(pad));
    expect(drawingToModelInput(upscaleToPad(new Float32Array(784), 280), { height: 32, width: 32, channels: 3 })).toBeNull();
  });

  it('gives another model an input of its own size, with the ink in every channel', () => {
    const out = drawingToModelInput(upscaleToPad(quarter(), 280), { height: 32, width: 32, channels: 3 }) as Float32Array;
    expect(out).toHaveLength(32 * 32 * 3);
    const grey = modelInputToGrey(out, 3);
    expect(Math.max(...grey)).toBeGreaterThan(0.9);
    for (let p = 0; p < 32 * 32; p++) expect(out[p * 3]).toBe(out[p * 3 + 2]);
  });
});

describe('modelInputToGrey', () => {
  it('averages a colour pixel’s channels and keeps a grey image as it is', () => {
    expect(Array.from(modelInputToGrey(Float32Array.of(0.3, 0.6, 0.9, 0, 0, 0.3), 3), (v) => Math.round(v * 1000) / 1000)).toEqual([0.6, 0.1]);
    const grey = Float32Array.of(0.5);
    expect(modelInputToGrey(grey, 1)).toBe(grey);
  });
});

describe('toModelScale', () => {
  it('multiplies by 255 for a byte-scale model and leaves a unit-scale input alone', () => {
    const x = Float32Array.of(0, 0.5, 1);
    expect(Array.from(toModelScale(x, 'byte'))).toEqual([0, 127.5, 255]);
    expect(toModelScale(x, 'unit')).toBe(x);
  });
});

describe('greyOnPad', () => {
  it('puts a square image where upscaleToPad puts it', () => {
    expect(greyOnPad(quarter(), 28, 28, 280)).toEqual(upscaleToPad(quarter(), 280).ink);
  });

  it('stretches a rectangular image over the whole pad', () => {
    const ink = greyOnPad(Float32Array.of(1, 0), 1, 2, 4);
    expect(Array.from(ink)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
  });
});

describe('drawingToModelInput with the picture rule (data that is not MNIST-like)', () => {
  /** A 40×20 pad (width × height) whose left half is white ink. */
  const halfInk = () => {
    const ink = new Float32Array(40 * 20);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) ink[y * 40 + x] = 1;
    return { width: 40, height: 20, ink };
  };

  it('fits the drawing by area averaging with no MNIST centring: the ink stays on the left', () => {
    const out = drawingToModelInput(halfInk(), { height: 2, width: 4, channels: 1 }, 'fit') as Float32Array;
    expect(Array.from(out, (v) => Math.round(v * 1000) / 1000)).toEqual([1, 1, 0, 0, 1, 1, 0, 0]);
    // The MNIST rule would centre the same ink.
    const mnist = drawingToModelInput(halfInk(), { height: 28, width: 28, channels: 1 }) as Float32Array;
    expect(mnist[14 * 28 + 14]).toBeGreaterThan(0.5);
  });

  it('gives the same values as fitImage on the pad as an opaque picture', () => {
    const pad = halfInk();
    pad.ink[5] = 0.5;
    const picture = inkToPicture(pad);
    expect(Array.from(picture.data).slice(20, 24)).toEqual([128, 128, 128, 255]);
    expect(drawingToModelInput(pad, { height: 5, width: 10, channels: 1 }, 'fit')).toEqual(fitImage(picture, { height: 5, width: 10, channels: 1 }));
  });

  it('is null for an empty pad, as with the MNIST rule', () => {
    expect(drawingToModelInput({ width: 40, height: 20, ink: new Float32Array(800) }, { height: 2, width: 4, channels: 1 }, 'fit')).toBeNull();
  });
});

describe('greyOnPad on a pad of the input’s aspect ratio', () => {
  it('stretches each input pixel over its block of a rectangular pad', () => {
    // A 1×2 image (dark, bright) onto a 4×2 pad.
    expect(Array.from(greyOnPad(Float32Array.of(0, 1), 1, 2, 4, 2))).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });
});
