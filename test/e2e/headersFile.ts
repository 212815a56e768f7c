import { readFile } from 'node:fs/promises';

/**
 * Reads a Netlify/Cloudflare Pages `_headers` file the way those hosts do (a path pattern at the start of a
 * line, `Name: value` lines indented under it, `#` comments) and returns the headers for every path (`/*`),
 * so the browser test serves what the built site actually ships.
 */
export async function headersForAllPaths(file: string): Promise<Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const [index, line] of (await readFile(file, 'utf8')).split('\n').entries()) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = {};
      rules.set(line.trim(), current);
      continue;
    }
    const match = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (!match || !current) throw new Error(`${file}:${index + 1}: expected an indented "Name: value" line under a path, got "${line}"`);
    current[match[1] as string] = (match[2] as string).trim();
  }
  const all = rules.get('/*');
  if (!all) throw new Error(`${file} has no rule for "/*"`);
  return all;
}
