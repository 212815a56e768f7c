import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile } from '../security/policy';

/** Writes `_headers` (Netlify / Cloudflare Pages format) into the output folder: via a temp file, so never half-written. */
export async function writeHeadersFile(outDir: string): Promise<string> {
  const target = path.join(outDir, '_headers');
  const temp = `${target}.tmp-${process.pid}`;
  await writeFile(temp, headersFile());
  await rename(temp, target);
  return target;
}

/** Ships the site's security headers (site/lib/security/policy.ts) with the build. */
export function securityHeadersIntegration(): AstroIntegration {
  return {
    name: 'cnn-report-security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const file = await writeHeadersFile(fileURLToPath(dir));
        logger.info(`wrote ${path.basename(file)} with the Content-Security-Policy and security headers`);
      },
    },
  };
}
