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

/** Signs `page` in with a learner's token (kept in localStorage) and opens the session's lab. */
export async function openSessionAs(
  page: Page,
  base: string,
  token: string,
  sessionId: string,
): Promise<void> {
  await page.goto(`${base}/`);
  await page.evaluate(`localStorage.setItem('kubelab.token', ${JSON.stringify(token)})`);
  await page.goto(`${base}/lab.html?session=${sessionId}`);
}
