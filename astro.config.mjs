// Static, bilingual report site. Settings come from the environment (see site/lib/build/siteOptions.ts):
//   ARTIFACTS_DIR (default artifacts/), SITE_URL (absolute URL for canonical links), BASE_PATH (sub-path, e.g. /cnn/).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import { siteOptionsFromEnv } from './site/lib/build/siteOptions';
import { remarkArtifactDirectives } from './site/lib/directives/index';
import { artifactsIntegration } from './site/lib/build/integration';
import { clientWithoutVegaLite } from './site/lib/build/clientVegaLite';
import { securityHeadersIntegration } from './site/lib/build/securityHeaders';

// Relative paths (ARTIFACTS_DIR) resolve against this folder, the project root, whatever the working directory.
const root = fileURLToPath(new URL('.', import.meta.url));
const options = siteOptionsFromEnv(process.env, root);
// The same folder site/content.config.ts loads the pages from.
const contentDir = path.resolve(root, process.env.CONTENT_DIR || 'content');
// `astro check` type-checks; it has no need of the artifacts, which may not exist yet (as in a fresh clone).
const typeCheckOnly = process.argv.includes('check');

export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  output: 'static',
  site: options.site,
  base: options.base,
  trailingSlash: 'always',
  // Under the site's Content-Security-Policy (site/lib/security/policy.ts) no script or style may be inline:
  // Astro would inline small stylesheets and small page scripts, so every one stays an external file.
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // Our directives are remark plugins, so the pages go through unified (Astro 7's default, Sätteri, has no remark).
  markdown: {
    processor: unified({
      remarkPlugins: typeCheckOnly
        ? [remarkDirective]
        : [
            remarkDirective,
            [remarkArtifactDirectives, { artifactsDir: options.artifactsDir, base: options.base, manifestDigest: options.manifestDigest, codeDigest: options.codeDigest }],
          ],
    }),
  },
  // Pages read the same artifacts folder as the remark plugin, whatever the working directory.
  vite: {
    build: { assetsInlineLimit: 0 },
    define: { 'import.meta.env.CNN_ARTIFACTS_DIR': JSON.stringify(options.artifactsDir) },
    plugins: [clientWithoutVegaLite()],
  },
  integrations: [artifactsIntegration({ artifactsDir: options.artifactsDir, base: options.base, contentDir }), securityHeadersIntegration()],
});
