import { describe, expect, it } from 'vitest';
import { rovingTarget } from '../../../site/lib/keyboard/roving';

describe('rovingTarget', () => {
  const grid = { count: 10, cols: 4 }; // rows 0–3, 4–7, 8–9

  it('moves one tile left or right and stops at the ends of a grid', () => {
    expect(rovingTarget('ArrowRight', 3, grid)).toBe(4);
    expect(rovingTarget('ArrowLeft', 4, grid)).toBe(3);
    expect(rovingTarget('ArrowRight', 9, grid)).toBe(9);
    expect(rovingTarget('ArrowLeft', 0, grid)).toBe(0);
  });

  it('moves a whole row up or down, and stays put where the row below is short or there is none', () => {
    expect(rovingTarget('ArrowDown', 1, grid)).toBe(5);
    expect(rovingTarget('ArrowUp', 5, grid)).toBe(1);
    expect(rovingTarget('ArrowDown', 7, grid)).toBe(7);
    expect(rovingTarget('ArrowDown', 5, grid)).toBe(9);
    expect(rovingTarget('ArrowUp', 2, grid)).toBe(2);
  });

  it('goes to the first and last item on Home and End', () => {
    expect(rovingTarget('Home', 6, grid)).toBe(0);
    expect(rovingTarget('End', 6, grid)).toBe(9);
  });

  it('wraps left and right around a tab list and leaves Up and Down to the browser there', () => {
    const tabs = { count: 3, wrap: true };
    expect(rovingTarget('ArrowRight', 2, tabs)).toBe(0);
    expect(rovingTarget('ArrowLeft', 0, tabs)).toBe(2);
    expect(rovingTarget('ArrowDown', 1, tabs)).toBeNull();
    expect(rovingTarget('ArrowUp', 1, tabs)).toBeNull();
  });

  it('ignores other keys and an index outside the group', () => {
    expect(rovingTarget('Enter', 1, grid)).toBeNull();
    expect(rovingTarget('a', 1, grid)).toBeNull();
    expect(rovingTarget('ArrowRight', -1, grid)).toBeNull();
    expect(rovingTarget('ArrowRight', 10, grid)).toBeNull();
    expect(rovingTarget('Home', 0, { count: 0 })).toBeNull();
  });
});
