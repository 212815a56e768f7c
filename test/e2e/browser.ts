import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs and a fresh profile. */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser test needs it: install Debian's package with ` +
        '`apt-get install -y chromium` (as .ci/run does), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'chromium-profile-'));
  // A persistent context is how Playwright takes a user-data dir: a new empty one per run.
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    viewport: { width: 1200, height: 900 },
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
