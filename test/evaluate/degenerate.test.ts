import { describe, expect, it } from 'vitest';
import { checkFiniteMetrics, degenerateAdvice, DegenerateRunError } from '../../pipeline/evaluate/degenerate';

const ADVICE = 'Lower --learning-rate (now 0.5) or check the training data (--data-dir); the previous artifacts were kept.';

/** The error checkFiniteMetrics throws, or undefined. */
function thrownBy(metrics: Record<string, number>): Error | undefined {
  try { checkFiniteMetrics('visualize', metrics, 0.5); } catch (e) { return e as Error; }
  return undefined;
}

describe('degenerateAdvice', () => {
  it('names the learning rate in use when there is one', () => {
    expect(degenerateAdvice(0.5)).toBe(ADVICE);
  });

  it('leaves the current value out when it is unknown', () => {
    expect(degenerateAdvice(undefined)).toBe('Lower --learning-rate or check the training data (--data-dir); the previous artifacts were kept.');
  });
});

describe('checkFiniteMetrics', () => {
  it('passes finite metrics, zero and negatives included', () => {
    expect(thrownBy({ a: 0, b: -1.5, c: 1e300 })).toBeUndefined();
  });

  it('passes no metrics at all', () => {
    expect(thrownBy({})).toBeUndefined();
  });

  it('stops at NaN with a DegenerateRunError naming the stage, the metric, its value and the advice', () => {
    const error = thrownBy({ ok: 1, dead_units: Number.NaN });
    expect(error).toBeInstanceOf(DegenerateRunError);
    expect(error?.name).toBe('DegenerateRunError');
    expect(error?.message).toBe(
      `the visualize stage could not compute dead_units (NaN): the trained model or the data is degenerate (e.g. every unit inactive after a too-high learning rate). ${ADVICE}`,
    );
  });

  it('stops at +Infinity and -Infinity', () => {
    expect(thrownBy({ x: Number.POSITIVE_INFINITY })?.message).toMatch(/^the visualize stage could not compute x \(Infinity\): /);
    expect(thrownBy({ x: Number.NEGATIVE_INFINITY })?.message).toMatch(/^the visualize stage could not compute x \(-Infinity\): /);
  });

  it('stops at a metric that is missing or not a number', () => {
    expect(thrownBy({ x: undefined as unknown as number })?.message).toMatch(/^the visualize stage could not compute x \(undefined\): /);
    expect(thrownBy({ x: '1' as unknown as number })).toBeInstanceOf(DegenerateRunError);
  });

  it('names the first bad metric in order', () => {
    expect(thrownBy({ a: 1, b: Number.NaN, c: Number.POSITIVE_INFINITY })?.message).toMatch(/could not compute b \(NaN\)/);
  });
});
