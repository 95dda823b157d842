import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors } from './chromium.js';

/** A learner's German browser with the clipboard allowed for `base`, and one tab in it. */
export async function openLearnerTab(
  browser: Browser,
  base: string,
  pageErrors: string[],
): Promise<{ learner: BrowserContext; page: Page }> {
  const learner = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'de-DE',
  });
  await learner.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await learner.newPage();
  collectPageErrors(page, pageErrors);
  return { learner, page };
}
