import path from 'node:path';
import { screenshot } from './support/artifacts.js';
import { browserSuite } from './support/browser-suite.js';
import { collectPageErrors } from './support/chromium.js';
import { describeInBrowserWithDocker } from './support/describe-in-browser-with-docker.js';
import { glyphInk, referenceText } from './support/glyph-ink.js';
import { openSessionAs } from './support/learner-tab.js';
import { runInTerminal, terminalIn, terminalText, waitForTerminal } from './support/xterm.js';

const STEP = 60_000;
const PROMPT = /^kl-[0-9a-f]{8}:control-plane #$/m;
const GLYPH_LINE = 'ip_forward ___ ||| ggg yyy';
const TERMINAL_BACKGROUND: [number, number, number] = [0x1e, 0x1e, 0x1e];

/**
 * The terminal of lab 00 as a learner meets it in Chromium at 1× scaling: every glyph whole,
 * a root prompt, a way out by keyboard, pastes that say Enter runs them, buttons that answer,
 * and the same shell with its output in a second browser. The tests run in order on one session.
 */
describeInBrowserWithDocker('The terminal in Chromium (real container environment)', () => {
  const suite = browserSuite({
    labs: path.resolve('labs'),
    docker: true,
    context: { viewport: { width: 1280, height: 800 }, locale: 'de-DE' },
    clipboard: true,
  });
  let token = '';

  beforeAll(async () => {
    const { ctx, base, page } = suite;
    const who = await ctx.newLearner('Tara Terminal');
    token = who.token;
    suite.sessionId = (await ctx.newSession(who, '00-linux-netzwerk')).id;
    await openSessionAs(page, base, token, suite.sessionId);
    await terminalIn(page).waitFor({ timeout: 30_000 });
  }, 240_000);

  suite.test(
    'shows the root prompt with #',
    async ({ page }) => {
      const text = await waitForTerminal(page, PROMPT);
      expect(text).not.toMatch(/control-plane \$/);
    },
    STEP,
  );

  suite.test(
    'draws every glyph whole: _ | g y as tall as in plain text with the same font',
    async ({ page }) => {
      await waitForTerminal(page, PROMPT);
      await runInTerminal(page, `echo '${GLYPH_LINE}'`);
      await waitForTerminal(page, new RegExp(`^${escape(GLYPH_LINE)}$`, 'm'));
      const rows = await terminalIn(page).locator('.xterm-rows > div').allInnerTexts();
      const index = rows.findIndex((r) => r.replace(/\u00a0/g, ' ').trimEnd() === GLYPH_LINE);
      const row = `.terminal-pane:not([hidden]) .xterm-rows > div:nth-child(${index + 1})`;
      const glyphs = ['_', '|', 'g', 'y'];
      const shown = await glyphInk(page, row, GLYPH_LINE, glyphs, TERMINAL_BACKGROUND);
      await screenshot(page, 'terminal-ux-01-glyphs');

      const font = '.terminal-pane:not([hidden]) .xterm-rows';
      const reference = await referenceText(page, font, GLYPH_LINE);
      const whole = await glyphInk(page, reference, GLYPH_LINE, glyphs, TERMINAL_BACKGROUND);
      await page.evaluate(`document.querySelector('${reference}').remove()`);
      for (const glyph of glyphs) expect(whole[glyph]).toBeGreaterThan(0);
      // Cut glyphs have fewer rows of ink than whole ones (at line height 1: `_` none, `|` one less).
      expect(glyphs.filter((glyph) => shown[glyph] < whole[glyph])).toEqual([]);
    },
    STEP,
  );

  suite.test(
    'lets the learner leave the terminal by keyboard with F6, shown under it; Tab and Esc stay',
    async ({ page }) => {
      const bar = page.locator('.terminal-pane:not([hidden]) .kl-terminal-bar');
      expect(await bar.textContent()).toContain('Terminal verlassen: F6 (zurück: Umschalt+F6)');
      const inTerminal = () =>
        page.evaluate<boolean>(`!!document.activeElement?.closest('.xterm')`);
      // Tab completes in the shell, Esc goes to the shell: both keep the focus.
      await terminalIn(page).click();
      await page.keyboard.type('ech', { delay: 20 });
      await page.keyboard.press('Tab');
      await waitForTerminal(page, /# echo$/m);
      await page.keyboard.press('Escape');
      expect(await inTerminal()).toBe(true);
      await page.keyboard.press('Control+C');
      await waitForTerminal(page, /# echo \^C\n\S+ #$/m);

      await page.keyboard.press('F6');
      expect(await inTerminal()).toBe(false);
      // The next stop is the screen-reader switch under the terminal; it turns the mode on.
      const reader = page.getByRole('button', { name: /Bildschirmleser-Modus/ });
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe(
        'Bildschirmleser-Modus: aus',
      );
      await page.keyboard.press('Enter');
      expect(await reader.getAttribute('aria-pressed')).toBe('true');
      await terminalIn(page).locator('.xterm-accessibility').waitFor({ state: 'attached' });
      await screenshot(page, 'terminal-ux-02-keyboard');
      await reader.click();
      expect(await reader.getAttribute('aria-pressed')).toBe('false');

      // Backwards with Shift+F6; Tab from there leads into the terminal again.
      await terminalIn(page).click();
      await page.keyboard.press('Shift+F6');
      expect(await inTerminal()).toBe(false);
      await page.keyboard.press('Tab');
      expect(await inTerminal()).toBe(true);
    },
    STEP,
  );

  suite.test(
    'answers „Kopieren“ and „Ins Terminal“ on screen, and says that Enter runs a pasted block',
    async ({ page }) => {
      const block = page.locator('.code-block', {
        has: page.locator('pre', { hasText: /^\s*ip route\s*$/ }),
      });
      await block.getByRole('button', { name: 'Code kopieren' }).click();
      await block.getByRole('button', { name: 'Code kopieren' }).getByText('✓ Kopiert').waitFor();
      expect(await block.locator('.code-feedback').textContent()).toBe(
        'In die Zwischenablage kopiert.',
      );
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('ip route');

      await block.getByRole('button', { name: 'Code ins Terminal einfügen' }).click();
      await block.getByText('✓ Eingefügt').waitFor();
      const note = page.locator('.terminal-pane:not([hidden]) .kl-terminal-paste-note');
      await note.waitFor();
      expect(await note.textContent()).toBe(
        'Eingefügt, noch nicht ausgeführt: Drücke Enter, um den Befehl auszuführen.',
      );
      await screenshot(page, 'terminal-ux-03-copy-and-paste');
      await page.keyboard.press('Enter');
      await note.waitFor({ state: 'hidden' });
      await waitForTerminal(page, /default via .* dev eth0/);

      // A block of lines pasted with the browser (Strg+V): bash waits for Enter.
      await terminalIn(page).click();
      await page.evaluate(`(() => {
        const data = new DataTransfer();
        data.setData('text/plain', 'echo block-eins\\necho block-zwei');
        document.querySelector('.terminal-pane:not([hidden]) .xterm-helper-textarea')
          .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      })()`);
      await note.waitFor();
      expect(await note.textContent()).toBe(
        '2 Zeilen eingefügt, noch nicht ausgeführt: Drücke Enter, um sie auszuführen.',
      );
      expect(await terminalText(page)).not.toMatch(/^block-eins$/m);
      await screenshot(page, 'terminal-ux-04-pasted-block');
      await page.keyboard.press('Enter');
      await note.waitFor({ state: 'hidden' });
      await waitForTerminal(page, /^block-eins\n(.*\n)*block-zwei$/m);
    },
    STEP,
  );

  suite.test(
    'continues in a second browser with the same shell and its output; the first can take it back',
    async ({ base, browser, page, pageErrors }) => {
      await runInTerminal(page, 'echo aus-dem-ersten-browser');
      await waitForTerminal(page, /^aus-dem-ersten-browser$/m);

      const second = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const other = await second.newPage();
        collectPageErrors(other, pageErrors);
        await other.goto(`${base}/`);
        await other.evaluate(`localStorage.setItem('kubelab.token', ${JSON.stringify(token)})`);
        await other.reload();
        await other.getByRole('button', { name: /fortsetzen/ }).click();
        await other.waitForURL(/\/lab\.html\?session=/);
        await terminalIn(other).waitFor({ timeout: 30_000 });
        // What the first browser's shell printed, in the same shell.
        await waitForTerminal(other, /^aus-dem-ersten-browser$/m);
        await waitForTerminal(other, /^block-zwei$/m);
        await runInTerminal(other, 'echo im-zweiten-browser');
        await waitForTerminal(other, /^im-zweiten-browser$/m);
        await screenshot(other, 'terminal-ux-05-second-browser');

        const status = page.locator('.terminal-pane:not([hidden]) .kl-terminal-status');
        await status
          .getByText('Dieses Terminal wurde in einem anderen Fenster geöffnet.')
          .waitFor();
        await screenshot(page, 'terminal-ux-06-first-browser-replaced');
        await status.getByRole('button', { name: 'Hier weiterarbeiten' }).click();
        await status.waitFor({ state: 'hidden' });
        await waitForTerminal(page, /^im-zweiten-browser$/m);
        await runInTerminal(page, 'echo wieder-hier');
        await waitForTerminal(page, /^wieder-hier$/m);
      } finally {
        await second.close();
      }
    },
    STEP,
  );
});

function escape(text: string): string {
  return text.replace(/[|\\^$.*+?()[\]{}]/g, '\\$&');
}
