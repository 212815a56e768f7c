import { describe, expect, it } from 'vitest';
import { repeatedNames, scanAttributes } from '../../site/lib/directives/attributeSyntax';

const leaf = { multiline: false };
const text = { multiline: true };
/** The attributes of the block at the first `{` of `source`, as [name, text] pairs. */
const attributesOf = (source: string, options = leaf) => {
  const scan = scanAttributes(source, source.indexOf('{'), options);
  if (!scan.ok) throw new Error(`${source}: ${scan.problem}`);
  return scan.attributes.map((a) => [a.name, a.text]);
};
const problemOf = (source: string, options = leaf) => {
  const scan = scanAttributes(source, source.indexOf('{'), options);
  return scan.ok ? 'ok' : scan.problem;
};

describe('scanAttributes', () => {
  it('reads every attribute form remark-directive knows, with the text as written', () => {
    expect(attributesOf(`::x{a="1" b='2' c=3 #d .e f}`)).toEqual([['a', 'a="1"'], ['b', "b='2'"], ['c', 'c=3'], ['id', '#d'], ['class', '.e'], ['f', 'f']]);
  });

  it('allows spaces around "=", names with - . : _ and a quoted "}"', () => {
    expect(attributesOf('::x{ a = "1}" data-x.y:z_w=2 }')).toEqual([['a', 'a = "1}"'], ['data-x.y:z_w', 'data-x.y:z_w=2']]);
  });

  it('reads shortcuts written together', () => {
    expect(attributesOf('::x{#a.b.c}')).toEqual([['id', '#a'], ['class', '.b'], ['class', '.c']]);
  });

  it('ends just after the closing brace', () => {
    const source = ':metric{name="a"} rest';
    expect(scanAttributes(source, 7, text)).toEqual({ ok: true, attributes: [{ name: 'name', text: 'name="a"' }], end: 17 });
  });

  it('finds an empty block', () => {
    expect(attributesOf('::x{}')).toEqual([]);
  });

  it('calls a block unclosed when the text ends first', () => {
    for (const source of ['::x{', '::x{a="1"', '::x{a="1', '::x{a=', '::x{a', '::x{a=1', '::x{#a']) expect(problemOf(source), source).toBe('unclosed');
  });

  it('ends a leaf block at the line break but lets a text block go on', () => {
    expect(problemOf('::x{a="1"\nb="2"}')).toBe('unclosed');
    expect(problemOf('::x{a="1\n2"}')).toBe('unclosed');
    expect(attributesOf(':x{a="1"\nb="2"}', text)).toEqual([['a', 'a="1"'], ['b', 'b="2"']]);
    expect(attributesOf(':x{a="1\n2"}', text)).toEqual([['a', 'a="1\n2"']]);
  });

  it('calls a block unclosed when no brace closes it before the next one opens, whatever follows', () => {
    expect(problemOf(':m{name="a" seconds, and :m{name="b"} more', text)).toBe('unclosed');
    expect(problemOf('::x{name="a", more')).toBe('unclosed');
    expect(problemOf('::x{name="a", more\n}')).toBe('unclosed');
    expect(problemOf(':x{name="a", more\n}', text)).toBe('malformed');
  });

  it('calls a block malformed where remark-directive would not read it', () => {
    for (const source of ['::x{a="1"b}', '::x{"a"}', '::x{=1}', '::x{a=}', '::x{a=x"y}', '::x{#}', '::x{.a"b}', '::x{a=<b>}']) {
      expect(problemOf(source), source).toBe('malformed');
    }
  });
});

describe('repeatedNames', () => {
  it('lists each name given more than once, once, in the order of its first repeat', () => {
    expect(repeatedNames(['a', 'b', 'b', 'a', 'b', 'c'])).toEqual(['b', 'a']);
    expect(repeatedNames(['a', 'b'])).toEqual([]);
  });

  it('lets classes repeat, since remark-directive adds them up', () => {
    expect(repeatedNames(['class', 'class', 'id', 'id'])).toEqual(['id']);
  });
});
