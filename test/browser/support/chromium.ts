import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/**
 * Collects a page's uncaught errors and its Content-Security-Policy refusals (Chromium logs
 * those as console errors), so a test can expect none.
 */
export function collectPageErrors(page: Page, into: string[]): void {
  page.on('pageerror', (error) => into.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      into.push(message.text());
  });
}
