// What the live explorer offers as input for the report's data, decided at build time from the
// manifest (data.known, data.classes, the model's input) and written into the page: the class names in
// the page's language, whether there is a drawing pad and which rule turns its drawing into the
// model's input. Pure, so the page's JSON island and the script that reads it are tested without a browser.
import { numberedClasses, type DataClasses, type ItemNoun, type Lang } from '../../../shared/data/classes';
import type { ModelInput } from '../../../pipeline/model/description';
import { classNamesFor } from '../classLabels';

/**
 * How a drawing becomes the model's input:
 * - 'mnist': MNIST's own preprocessing (shared/mnist/preprocess: the ink's box fitted into 20×20 and
 *   centred by its centre of mass in 28×28), then resized to the input. Only for MNIST-like digit data,
 *   which was prepared that way; any other data was not, and the rule would change what it shows.
 * - 'fit': the drawing is a picture like any other and goes through the build's own rule for pictures
 *   (shared/data/fitImage: centred crop to the input's aspect, area-average resize, luma). The pad has
 *   the input's aspect ratio, so nothing is cropped.
 */
export type PadRule = 'mnist' | 'fit';

export interface ExplorerPad {
  rule: PadRule;
  /** The pad canvas in pixels: PAD_SIDE along the input's longer side, the input's aspect ratio. */
  width: number;
  height: number;
}

export interface ExplorerClasses {
  /** One name per class, in the page's language. */
  names: string[];
  noun: ItemNoun;
}

/** The pad's longer side in canvas pixels (and CSS pixels at its natural size). */
export const PAD_SIDE = 280;

type DataFacts = { known: string | null; classes: Pick<DataClasses, 'noun'> };

export function padRule(data: DataFacts): PadRule {
  return data.known === 'mnist' || data.classes.noun === 'digit' ? 'mnist' : 'fit';
}

/** The drawing pad for greyscale models, none for colour ones (a grey drawing is no colour picture). */
export function explorerPad(data: DataFacts, input: Pick<ModelInput, 'height' | 'width' | 'channels'>): ExplorerPad | null {
  if (input.channels !== 1) return null;
  const rule = padRule(data);
  // MNIST's preprocessing makes a square 28×28 image from any drawing: its pad stays square.
  if (rule === 'mnist' || input.height === input.width) return { rule, width: PAD_SIDE, height: PAD_SIDE };
  const long = Math.max(input.height, input.width);
  return { rule, width: Math.max(1, Math.round((PAD_SIDE * input.width) / long)), height: Math.max(1, Math.round((PAD_SIDE * input.height) / long)) };
}

/**
 * The class names for the page's language (the pages' one rule: classNamesFor). A model whose class count differs from the data's names
 * (an imported model that is not the data's own) gets numbered names, so every bar still has one.
 */
export function explorerClasses(classes: DataClasses, modelClasses: number, lang: Lang): ExplorerClasses {
  const names = classNamesFor(classes, lang);
  if (names.length === modelClasses) return { names, noun: classes.noun };
  const numbered = numberedClasses(modelClasses);
  return { names: lang === 'zh' ? numbered.zh : numbered.en, noun: 'image' };
}

/** The page's class names (parsed JSON), checked: one non-empty name per class, a known noun. */
export function checkExplorerClasses(value: unknown, classes: number): ExplorerClasses {
  const fail = (what: string): never => {
    throw new Error(`explorer: the page's class names have ${what}; rebuild the site from the current artifacts`);
  };
  if (typeof value !== 'object' || value === null) return fail('no class object');
  const c = value as Record<string, unknown>;
  if (!Array.isArray(c.names) || c.names.length !== classes) return fail(`${Array.isArray(c.names) ? c.names.length : 'no'} names for ${classes} classes`);
  if (!c.names.every((n) => typeof n === 'string' && n !== '')) return fail('an empty or non-text name');
  if (c.noun !== 'digit' && c.noun !== 'image') return fail(`noun ${JSON.stringify(c.noun)} (expected "digit" or "image")`);
  return value as ExplorerClasses;
}

/** The page's pad (parsed JSON), checked: null (no pad) or a rule and a positive canvas size. */
export function checkExplorerPad(value: unknown): ExplorerPad | null {
  if (value === null) return null;
  const p = value as Record<string, unknown> | undefined;
  const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!p || (p.rule !== 'mnist' && p.rule !== 'fit') || !ok(p.width) || !ok(p.height)) {
    throw new Error(`explorer: the page's pad is ${JSON.stringify(value)} (expected null or a rule "mnist"/"fit" and a width and height); rebuild the site from the current artifacts`);
  }
  return value as unknown as ExplorerPad;
}
