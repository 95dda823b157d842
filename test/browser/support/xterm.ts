import type { Locator, Page } from 'playwright-core';

/** The visible terminal of the lab page (the selected tab's pane). */
export function terminalIn(page: Page): Locator {
  return page.locator('.terminal-pane:not([hidden]) .xterm');
}

/** What the terminal shows right now, row by row (xterm's DOM renderer). */
export async function terminalText(page: Page): Promise<string> {
  const rows = terminalIn(page).locator('.xterm-rows > div');
  return (await rows.allInnerTexts())
    .map((row) => row.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n');
}

/** Waits until the terminal shows text matching `pattern`. */
export async function waitForTerminal(
  page: Page,
  pattern: RegExp,
  timeout = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`terminal never showed ${String(pattern)}; it shows:\n${text}`);
}

/** Types a command line into the terminal and presses Enter, as a learner would. */
export async function runInTerminal(page: Page, command: string): Promise<void> {
  await terminalIn(page).click();
  await page.keyboard.type(command, { delay: 20 });
  await page.keyboard.press('Enter');
}
