import type { Page } from 'playwright-core';

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
