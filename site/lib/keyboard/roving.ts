// Roving focus (the ARIA pattern behind tab lists and grids of tiles): a group of controls is one Tab stop,
// and the arrow keys, Home and End move focus inside it. The rule is plain so both the channel dictionary's tabs
// (site/scripts/channels.ts) and the feature-map grids (site/scripts/gallery.ts) use it and a unit test checks it.

export interface RovingLayout {
  count: number;
  /** Items per row; Up and Down move by a row. Absent for a single row (a tab list): Up and Down do nothing. */
  cols?: number;
  /** Left and Right wrap around the ends (tab lists do); otherwise they stop at the first and last item. */
  wrap?: boolean;
}

/** The index focus moves to from `index` on `key`, or null when the key is not a move (the browser keeps it). */
export function rovingTarget(key: string, index: number, { count, cols, wrap = false }: RovingLayout): number | null {
  if (count <= 0 || index < 0 || index >= count) return null;
  const clamp = (k: number) => Math.min(count - 1, Math.max(0, k));
  const step = (k: number) => (wrap ? (k + count) % count : clamp(k));
  switch (key) {
    case 'ArrowRight': return step(index + 1);
    case 'ArrowLeft': return step(index - 1);
    case 'ArrowDown': return cols ? (index + cols < count ? index + cols : index) : null;
    case 'ArrowUp': return cols ? (index - cols >= 0 ? index - cols : index) : null;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}
