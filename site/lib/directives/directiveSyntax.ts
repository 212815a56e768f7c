// Directive syntax errors that remark-directive does not report: it turns a directive it cannot read into
// plain text (the page then shows `::chart{name=“loss”` with curly quotes and no chart), and it keeps only
// the last of a repeated attribute. Both are found in the markdown source, which the node positions index.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { repeatedNames, scanAttributes } from './attributeSyntax';
import { directiveKind, unknownDirectiveMessage } from './registry';

export interface SyntaxProblem {
  /** Offset in the markdown source. */
  offset: number;
  /** The directive as written, e.g. "::chart". */
  written: string;
  message: string;
}

type Span = { start: { offset?: number }; end: { offset?: number } };
type DirectiveLike = { type: string; name: string; position?: Span; children?: unknown[] };

const PREFIX: Record<string, string> = { textDirective: ':', leafDirective: '::', containerDirective: ':::' };
const NAME = String.raw`[^\s\p{P}\p{S}](?:[^\s\p{P}\p{S}]|[-_])*`;
/** Colons before a name, not escaped (`a\:b`) and not the tail of a longer run of colons. */
const DIRECTIVE_LIKE = new RegExp(String.raw`(?<![\\:])(:{1,3})(${NAME})`, 'gu');

const UNCLOSED = (sameLine: boolean) => `unclosed "{": the attributes must end with "}"${sameLine ? ' on the same line' : ''}. As written, the page shows this as plain text.`;
const MALFORMED = 'attributes that cannot be read: write each as key="value", key=\'value\', key=value, #id, .class or a bare key, separated by spaces. As written, the page shows this as plain text.';

/** Where a block of text ends: the first blank line after `from`, or the end of the source. */
function blockEnd(source: string, from: number): number {
  const blank = /\n[ \t]*(?:\r?\n|$)/.exec(source.slice(from));
  return blank ? from + blank.index : source.length;
}

/** Just after the label `[…]` opening at `start` (brackets nest, `\` escapes), or -1 if it never closes on its block. */
function labelEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start, end = blockEnd(source, start); i < end; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === '[') depth += 1;
    else if (source[i] === ']' && --depth === 0) return i + 1;
  }
  return -1;
}

function repeatedMessage(attributes: { name: string; text: string }[]): string | undefined {
  const [name] = repeatedNames(attributes.map((a) => a.name));
  if (name === undefined) return undefined;
  const given = attributes.filter((a) => a.name === name);
  const times = given.length === 2 ? 'twice' : `${given.length} times`;
  return `attribute "${name}" is given ${times} (${given.map((a) => a.text).join(' ')}); only the last would count. Give each attribute once.`;
}

/** A directive node: a repeated attribute, or a text directive whose `{…}` remark-directive could not read and left as text after it. */
function directiveProblem(node: DirectiveLike, source: string): SyntaxProblem | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const written = `${PREFIX[node.type]}${node.name}`;
  // An unclosed container runs to the end of the file and silently takes every later passage with it.
  if (node.type === 'containerDirective' && start !== undefined && end !== undefined) {
    const fence = /^:+/.exec(source.slice(start))?.[0] ?? PREFIX.containerDirective;
    if (!new RegExp(`(^|\\n)[ \\t]*${fence}:*[ \\t]*$`).test(source.slice(start, end))) {
      return { offset: start, written, message: `${fence}${node.name} is never closed: end the passage with a line of "${fence}". As written, everything after it belongs to the passage.` };
    }
  }
  if (start === undefined || end === undefined || !source.startsWith(written, start)) return undefined;
  let i = start + written.length;
  if (source[i] === '[') i = labelEnd(source, i);
  if (i > 0 && i < end && source[i] === '{') {
    const scan = scanAttributes(source.slice(0, end), i, { multiline: node.type === 'textDirective' });
    const message = scan.ok ? repeatedMessage(scan.attributes) : undefined;
    return message ? { offset: start, written, message } : undefined;
  }
  if (node.type === 'textDirective' && i === end && source[end] === '{') {
    const scan = scanAttributes(source.slice(0, blockEnd(source, end)), end, { multiline: true });
    return { offset: start, written, message: !scan.ok && scan.problem === 'unclosed' ? UNCLOSED(false) : MALFORMED };
  }
  return undefined;
}

/** What is wrong with directive-like text of a known name that remark-directive left as text. */
function leftoverMessage(source: string, colons: string, name: string, after: number, atBlockStart: boolean): string {
  const kind = directiveKind(name)!;
  const right = kind === 'leaf' ? '::' : kind === 'container' ? ':::' : ':';
  let i = after;
  if (source[i] === '[') {
    i = labelEnd(source, i);
    if (i === -1) return 'unclosed "[". As written, the page shows this as plain text.';
  }
  if (source[i] === '{') {
    const scan = scanAttributes(source.slice(0, blockEnd(source, i)), i, { multiline: colons === ':' });
    if (!scan.ok) return scan.problem === 'unclosed' ? UNCLOSED(colons !== ':') : MALFORMED;
    i = scan.end;
  }
  if (colons !== right) return `"${colons}${name}" must be written as ${right}${name}`;
  if (kind === 'container') return `${right}${name} opens a passage: it stands alone on its own line, after a blank line, and a line of ":::" closes it. As written, the page shows this as plain text.`;
  if (kind === 'leaf' && !atBlockStart) return `${right}${name} must stand alone on its own line (not inside a sentence, heading, table cell or list text). As written, the page shows this as plain text.`;
  if (kind === 'leaf' && /^[ \t]+\{/.test(source.slice(i))) return `a space between the name and "{": write ${right}${name}{…}. As written, the page shows this as plain text.`;
  if (kind === 'leaf') return `text after the directive on its line: ${right}${name} stands alone on its line, its attributes in {…} directly after the name. As written, the page shows this as plain text.`;
  return 'not read as a directive (check its brackets and quotes). As written, the page shows this as plain text.';
}

/**
 * Every directive syntax problem in the tree, in source order. Code spans, code blocks and raw HTML are
 * literal and never looked at; in text only a known name counts (`3:1` and `10:30` are prose), except
 * that `::name{` opening a paragraph is a directive whatever the name.
 */
export function directiveSyntaxProblems(tree: Root, source: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  visit(tree, (node, index, parent) => {
    if (node.type in PREFIX) {
      const problem = directiveProblem(node as unknown as DirectiveLike, source);
      if (problem) problems.push(problem);
      return;
    }
    if (node.type !== 'text') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // Matched in the whole source, so that the look-behind sees an escape or a colon just before the text.
    const like = new RegExp(DIRECTIVE_LIKE);
    like.lastIndex = start;
    for (let match = like.exec(source); match && match.index < end; match = like.exec(source)) {
      const [written, colons, name] = match as unknown as [string, string, string];
      const offset = match.index;
      const next = source[offset + written.length];
      const atBlockStart = parent?.type === 'paragraph' && index === 0 && offset === start;
      if (!directiveKind(name)) {
        if (atBlockStart && colons.length >= 2 && next === '{') problems.push({ offset, written, message: unknownDirectiveMessage(written) });
        continue;
      }
      // Prose about a directive ("the ::chart directive") has no brackets and does not open a paragraph.
      if (next !== '{' && next !== '[' && !(atBlockStart && colons.length >= 2)) continue;
      problems.push({ offset, written, message: leftoverMessage(source, colons, name, offset + written.length, atBlockStart) });
    }
  });
  return problems.sort((a, b) => a.offset - b.offset);
}

/**
 * Text directives named like a number are prose ("a ratio of 3:1", "at 10:30"): no directive name starts
 * with a digit. Without a label or attributes they become text again instead of an "unknown directive".
 */
export function restoreNumberColons(tree: Root, source: string): void {
  visit(tree, 'textDirective', (node, index, parent) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (!parent || index === undefined || start === undefined || end === undefined) return;
    if (!/^\p{N}/u.test(node.name) || source.slice(start, end) !== `:${node.name}`) return;
    parent.children[index] = { type: 'text', value: `:${node.name}`, position: node.position };
  });
}

/** 1-based line and column of an offset in the source. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
