// The README is the front door and docs/ holds the rest: every local link between them must lead somewhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const files = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

function localLinks(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
}

describe('the README and docs/', () => {
  it('link only to files that exist', () => {
    const broken = files.flatMap((file) => localLinks(file)
      .filter((target) => !existsSync(path.resolve(root, path.dirname(file), target.split('#')[0])))
      .map((target) => `${file} → ${target}`));
    expect(broken).toEqual([]);
  });

  it('keep the README to about one screen, with a link to every docs/ file', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(160);
    const docs = files.filter((f) => f.startsWith('docs/'));
    expect(docs.filter((f) => !readme.includes(`(${f})`))).toEqual([]);
  });
});
