import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
};

/** Resolves a URL path under `base` to a file in `root` (index.html for folders), or null. */
export function resolveStatic(root: string, base: string, urlPath: string): string | null {
  const decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  if (!decoded.startsWith(base)) return null;
  const rel = decoded.slice(base.length);
  const file = path.join(root, rel);
  if (!file.startsWith(path.resolve(root))) return null;
  if (existsSync(file) && statSync(file).isDirectory()) {
    const index = path.join(file, 'index.html');
    return existsSync(index) ? index : null;
  }
  return existsSync(file) ? file : null;
}

/**
 * Serves `root` at `base` on 127.0.0.1 and a free port, as a static host would, sending `headers`
 * (e.g. the security headers from dist/_headers) with every response.
 */
export async function serveStatic(
  root: string,
  base = '/',
  headers: Readonly<Record<string, string>> = {},
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    const file = resolveStatic(root, base, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${base}`, server, close: () => new Promise((r) => server.close(() => r())) };
}
