// How a chart lays out an axis of class names (issue #21): two to 100 classes, names from "0" to
// "Ankle boot" or "T 恤/上衣". The charts are drawn to size from the count, so each class keeps a
// readable band; the page scales a wide SVG down to the column (site.css: max-width 100%).

/** Pixels per class along the axis: roomy for MNIST's ten, tighter as the count grows, never under 10. */
export function classStep(count: number): number {
  if (count <= 10) return 36;
  if (count <= 20) return 24;
  if (count <= 50) return 14;
  return 10;
}

/** A rough width of a label at 12 px: CJK characters are about a full em, the rest about 0.6 em. */
export function labelWidth(name: string, fontSize = 12): number {
  let width = 0;
  for (const ch of name) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? fontSize : fontSize * 0.6;
  return width;
}

export interface ClassAxisLayout {
  step: number;
  labelAngle: number;
  labelFontSize: number;
  /** Longer names end in an ellipsis; the tooltip still shows them whole. */
  labelLimit: number;
}

/**
 * The axis for `names` along a horizontal axis: labels stay level when every name fits its band (the
 * digits), else turn −45° (a few classes) or −90° (bands too narrow for slanted labels not to overlap).
 */
export function classAxisLayout(names: readonly string[]): ClassAxisLayout {
  const step = classStep(names.length);
  const labelFontSize = names.length > 50 ? 8 : names.length > 20 ? 10 : 12;
  const widest = Math.max(0, ...names.map((n) => labelWidth(n, labelFontSize)));
  const labelAngle = widest <= step - 4 ? 0 : step >= 16 ? -45 : -90;
  return { step, labelAngle, labelFontSize, labelLimit: 120 };
}

/** The axis properties Vega-Lite takes from a layout. */
export function classAxis(layout: ClassAxisLayout): { labelAngle: number; labelFontSize: number; labelLimit: number; labelOverlap: false } {
  // labelOverlap false: every class keeps its name; the layout already made room for them.
  return { labelAngle: layout.labelAngle, labelFontSize: layout.labelFontSize, labelLimit: layout.labelLimit, labelOverlap: false };
}
