import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from './snapshotFixture';

const command = 'npx vitest run test/site/directives.test.ts';

describe('readSnapshot', () => {
  it('fails on a missing snapshot with the command that writes it, and writes nothing', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'snap-')), 'expected.html');
    expect(() => readSnapshot(file, '<p>new</p>', { command })).toThrow(/expected\.html is missing\. A normal test run never writes snapshots: .* UPDATE_FIXTURES=1 npx vitest run test\/site\/directives\.test\.ts$/);
    expect(existsSync(file)).toBe(false);
  });

  it('returns the stored snapshot unchanged in a normal run, even when the output differs', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'snap-')), 'expected.html');
    writeFileSync(file, '<p>old</p>');
    expect(readSnapshot(file, '<p>new</p>', { command })).toBe('<p>old</p>');
    expect(readFileSync(file, 'utf8')).toBe('<p>old</p>');
  });

  it('when updating, writes new or changed snapshots and says which, and leaves equal ones alone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'snap-'));
    const lines: string[] = [];
    const options = { command, update: true, report: (line: string) => lines.push(line) };
    const file = path.join(dir, 'expected.html');
    expect(readSnapshot(file, '<p>a</p>', options)).toBe('<p>a</p>');
    expect(readSnapshot(file, '<p>a</p>', options)).toBe('<p>a</p>');
    expect(readSnapshot(file, '<p>bb</p>', options)).toBe('<p>bb</p>');
    expect(lines).toEqual([
      expect.stringMatching(/^UPDATE_FIXTURES: wrote .*expected\.html \(8 characters\); review it with git diff$/),
      expect.stringMatching(/^UPDATE_FIXTURES: rewrote .*expected\.html \(9 characters\)/),
    ]);
  });
});
