import type { Browser, Page } from 'playwright-core';
import { INSTRUCTOR_TOKEN } from '../../support/test-app.js';
import { collectPageErrors } from './chromium.js';

/**
 * The instructor dashboard in a browser context of its own, signed in with the tests' token.
 * The caller closes `page.context()` when done.
 */
export async function openInstructorDashboard(
  browser: Browser,
  base: string,
  pageErrors: string[],
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const dash = await (await browser.newContext({ viewport })).newPage();
  collectPageErrors(dash, pageErrors);
  await dash.goto(`${base}/instructor.html`);
  await dash.getByLabel('Schlüssel der Kursleitung').fill(INSTRUCTOR_TOKEN);
  await dash.getByRole('button', { name: 'Anmelden' }).click();
  return dash;
}
