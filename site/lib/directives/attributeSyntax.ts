// remark-directive's attribute block `{…}` read from the markdown source. mdast keeps only the last of a
// repeated attribute and turns a block it cannot read into plain text, so both are only visible here.
// The rules follow micromark-extension-directive's factory-attributes.js (v4).

/** One attribute as written: its name (`id` for `#x`, `class` for `.x`) and its text, e.g. `name="loss"`. */
export interface WrittenAttribute {
  name: string;
  text: string;
}

/** The attributes of a block that closes (`end` is just after its `}`), or why it cannot be read. */
export type AttributeScan =
  | { ok: true; attributes: WrittenAttribute[]; end: number }
  | { ok: false; problem: 'unclosed' | 'malformed' };

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /[ \t\r\n]/;
const LINE_BREAK = /[\r\n]/;
/** Characters remark-directive refuses inside an unquoted value or an #id / .class shortcut. */
const FORBIDDEN_IN_VALUE = /["'<=>`]/;

/**
 * Scans the block opening at `source[start]` (a `{`). Leaf directives keep their block on one line
 * (`multiline: false`); text directives may break it across lines. The end of `source` is the end of the text.
 * A block that cannot be read is "unclosed" when no `}` comes before the next `{` or the end of the block
 * (`:metric{name="a" seconds, and :metric{…}` forgot its brace; it did not misspell an attribute).
 */
export function scanAttributes(source: string, start: number, options: { multiline: boolean }): AttributeScan {
  const scan = readAttributes(source, start, options);
  if (scan.ok || scan.problem === 'unclosed') return scan;
  const rest = source.slice(start + 1);
  const block = options.multiline ? rest : rest.split(LINE_BREAK, 1)[0]!;
  return /^[^{}]*\}/.test(block) ? scan : { ok: false, problem: 'unclosed' };
}

function readAttributes(source: string, start: number, { multiline }: { multiline: boolean }): AttributeScan {
  const attributes: WrittenAttribute[] = [];
  let i = start + 1;
  const at = () => source[i];
  /** Skips spaces (and line breaks where allowed); false at the end of the text or at a line break that ends the block. */
  const skipSpace = (): boolean => {
    while (i < source.length && SPACE.test(at()!)) {
      if (!multiline && LINE_BREAK.test(at()!)) return false;
      i += 1;
    }
    return i < source.length;
  };
  const unclosed = { ok: false, problem: 'unclosed' } as const;
  const malformed = { ok: false, problem: 'malformed' } as const;
  for (;;) {
    if (!skipSpace()) return unclosed;
    const c = at()!;
    if (c === '}') return { ok: true, attributes, end: i + 1 };
    const from = i;
    const written = (name: string) => attributes.push({ name, text: source.slice(from, i) });
    if (c === '#' || c === '.') {
      i += 1;
      while (i < source.length && !/[\s#.}]/.test(at()!)) i += 1;
      const value = source.slice(from + 1, i);
      if (value === '' || FORBIDDEN_IN_VALUE.test(value)) return malformed;
      written(c === '#' ? 'id' : 'class');
      continue;
    }
    if (PUNCTUATION.test(c) && c !== '-' && c !== '_') return malformed;
    while (i < source.length && !/\s/.test(at()!) && !(PUNCTUATION.test(at()!) && !'-.:_'.includes(at()!))) i += 1;
    const name = source.slice(from, i);
    if (!skipSpace()) return unclosed;
    if (at() !== '=') {
      attributes.push({ name, text: name }); // a bare key: its value is ""
      continue;
    }
    i += 1;
    if (!skipSpace()) return unclosed;
    const quote = at()!;
    if (quote === '"' || quote === "'") {
      const close = source.indexOf(quote, i + 1);
      if (close === -1 || (!multiline && LINE_BREAK.test(source.slice(i + 1, close)))) return unclosed;
      i = close + 1;
      if (i < source.length && !/[\s}]/.test(at()!)) return malformed;
      written(name);
      continue;
    }
    const valueFrom = i;
    while (i < source.length && !/[\s}]/.test(at()!)) i += 1;
    if (i === valueFrom || FORBIDDEN_IN_VALUE.test(source.slice(valueFrom, i))) return malformed;
    if (i === source.length) return unclosed;
    written(name);
  }
}

/** Names given more than once, in order of first repeat. Classes add up in remark-directive (`.a.b`), so they never repeat. */
export function repeatedNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const name of names) {
    if (name !== 'class' && seen.has(name) && !repeated.includes(name)) repeated.push(name);
    seen.add(name);
  }
  return repeated;
}
