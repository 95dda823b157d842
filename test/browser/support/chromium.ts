import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); KUBELAB_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.KUBELAB_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether Chromium is installed. Browser tests run only then; otherwise they are reported as
 * skipped, and with KUBELAB_REQUIRE_DOCKER=1 (CI) a missing Chromium fails the run.
 */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.KUBELAB_REQUIRE_DOCKER === '1') {
    throw new Error(`KUBELAB_REQUIRE_DOCKER=1 but there is no Chromium at ${CHROMIUM}`);
  }
  return false;
}

/**
 * Headless, with the flags that keep Debian's Chromium quiet and offline (STACK.md);
 * playwright gives every launch a fresh temporary profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
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
