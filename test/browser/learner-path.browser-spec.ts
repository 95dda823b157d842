import path from 'node:path';
import { INSTRUCTOR_AUTH as instructorAuth } from '../support/test-app.js';
import { screenshot } from './support/artifacts.js';
import { browserSuite } from './support/browser-suite.js';
import { describeInBrowserWithDocker as describeInBrowser } from './support/describe-in-browser-with-docker.js';
import { openInstructorDashboard } from './support/instructor-dashboard.js';
import { eventually } from './support/eventually.js';
import { runInTerminal, terminalIn, waitForTerminal } from './support/xterm.js';

const LAB = '00-linux-netzwerk';
const READY_TIMEOUT = 120_000;
/** Each step of the path waits on a real container, shell or check. */
const STEP = 60_000;

/**
 * The whole learner path of lab 00 in Chromium, against a real kubelab with the real container
 * environment (Docker) and the real lab files: sign up, start, wait, use the terminal, answer,
 * "Prüfen" (fail, then pass), reload, finish; then the instructor's dashboard shows it all.
 * The tests run in order and share one learner's browser tab.
 */
describeInBrowser('Learner path of lab 00 in Chromium (real container environment)', () => {
  const suite = browserSuite({
    labs: path.resolve('labs'),
    docker: true,
    context: { viewport: { width: 1280, height: 800 }, locale: 'de-DE' },
    clipboard: true,
  });

  beforeAll(async () => {
    // Every state the environment bar announces, however briefly it is shown.
    // (A string: the test's TypeScript has no DOM types.)
    await suite.page.addInitScript({
      content: `
        window.envStates = [];
        new MutationObserver(() => {
          const text = document.querySelector('.env-status strong')?.textContent;
          if (text && window.envStates.at(-1) !== text) window.envStates.push(text);
        }).observe(document, { subtree: true, childList: true, characterData: true });`,
    });
  });

  suite.test(
    'signs up once and shows the lab cards',
    async ({ base, page }) => {
      await page.goto(`${base}/`);
      await page.getByLabel('Wie heißt du?').fill('Bea Browser');
      await page.getByRole('button', { name: 'Los geht’s' }).click();
      await page.getByText('Hallo, Bea Browser').waitFor();

      const card = page.locator(`.card[data-lab="${LAB}"]`);
      await card.getByRole('heading', { name: /Linux-Netzwerk-Grundlagen/ }).waitFor();
      expect(await card.textContent()).toMatch(/45 Minuten · Einsteiger · 7 Schritte/);
      await screenshot(page, '01-start-page');

      // The name is asked once: the browser keeps the token.
      await page.reload();
      await page.getByText('Hallo, Bea Browser').waitFor();
      expect(await page.getByLabel('Wie heißt du?').count()).toBe(0);
    },
    STEP,
  );

  suite.test(
    'starts the lab and shows the environment being made, then ready',
    async ({ page }) => {
      await page
        .locator(`.card[data-lab="${LAB}"]`)
        .getByRole('button', { name: /starten/ })
        .click();
      await page.waitForURL(/\/lab\.html\?session=/);
      suite.sessionId = new URL(page.url()).searchParams.get('session')!;

      await page.getByRole('heading', { name: 'Dein Knoten – Interfaces und Routen' }).waitFor();
      await page.locator('.env-line[data-state="ready"]').waitFor({ timeout: READY_TIMEOUT });
      const states = await page.evaluate<string[]>('window.envStates');
      expect(states[0]).toMatch(/^Umgebung (wird erstellt|wartet auf einen freien Platz)/);
      expect(states.at(-1)).toBe('Umgebung bereit');
      expect(await page.locator('.env-line .remaining').textContent()).toMatch(
        /^Verbleibende Zeit: \d+ Std\. \d+ Min\.$/,
      );
      expect(await page.locator('.lab-progress').textContent()).toContain('0 von 7 Schritten');
    },
    READY_TIMEOUT + STEP,
  );

  suite.test(
    'runs a command in the terminal',
    async ({ page }) => {
      await terminalIn(page).waitFor({ timeout: 30_000 });
      await waitForTerminal(page, /^kl-[0-9a-f]{8}:\S+ #$/m);
      await runInTerminal(page, 'ip addr');
      await waitForTerminal(page, /inet 127\.0\.0\.1\/8/);
    },
    STEP,
  );

  suite.test(
    'copies a code block of the step to the clipboard',
    async ({ page }) => {
      const block = page.locator('.code-block', {
        has: page.locator('pre', { hasText: /^\s*ip addr\s*$/ }),
      });
      await block.getByRole('button', { name: 'Code kopieren' }).click();
      await block.getByText('In die Zwischenablage kopiert.').waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('ip addr');
    },
    STEP,
  );

  suite.test(
    'grades a wrong answer: ✗ with the German message under its question, a hint',
    async ({ page }) => {
      await page.getByLabel(/Über welches Interface verlässt ein Paket/).fill('lo');
      await page.getByRole('button', { name: 'Prüfen' }).click();
      const results = page.locator('.results');
      await results.waitFor({ timeout: 30_000 });

      expect(await results.getAttribute('class')).toContain('failed');
      const answer = results.locator('[data-check="default-interface"]');
      expect(await answer.getAttribute('class')).toContain('check-fail');
      expect(await answer.locator('.icon').textContent()).toBe('✗');
      // `ip route` was not run yet; `ip addr` was.
      expect(
        await results.locator('[data-check="routen-angesehen"]').getAttribute('class'),
      ).toContain('check-fail');
      expect(
        await results.locator('[data-check="adressen-angesehen"]').getAttribute('class'),
      ).toContain('check-pass');
      // The question labels its result; raw expected and observed values are the instructor's.
      expect(await answer.locator('strong').textContent()).toMatch(/^Über welches Interface/);
      expect(await results.getByText('Erwartet und beobachtet').count()).toBe(0);
      expect(await results.locator('.hints.matched').textContent()).toContain(
        'gesucht ist der Name hinter dev',
      );
      expect(
        await page.locator('.step-link[data-step="knoten"]').getAttribute('class'),
      ).not.toContain('passed');
    },
    STEP,
  );

  suite.test(
    'reveals hints one at a time',
    async ({ page }) => {
      await page.getByRole('button', { name: 'Tipp anzeigen' }).click();
      await page.locator('.hint-list li').first().waitFor();
      expect(await page.locator('.hint-list li').count()).toBe(1);
      await page.getByRole('button', { name: 'Noch ein Tipp' }).click();
      await page.locator('.hint-list li').nth(1).waitFor();
      expect(await page.locator('.hint-list li').count()).toBe(2);
    },
    STEP,
  );

  suite.test(
    'passes the step after the work is done: ✓, marked, progress moves',
    async ({ page }) => {
      // "Ins Terminal" pastes the step's command; the learner presses Enter.
      await page
        .locator('.code-block', { has: page.locator('pre', { hasText: /^\s*ip route\s*$/ }) })
        .getByRole('button', { name: 'Code ins Terminal einfügen' })
        .click();
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /default via .* dev eth0/);
      await page.getByLabel(/Über welches Interface verlässt ein Paket/).fill('eth0');
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await page.locator('.results.passed').waitFor({ timeout: 30_000 });

      expect(await page.locator('.results .check-pass').count()).toBe(4);
      expect(await page.locator('.results .verdict').textContent()).toContain('Geschafft');
      expect(await page.locator('.step-link[data-step="knoten"]').getAttribute('class')).toContain(
        'passed',
      );
      expect(await page.locator('.lab-progress').textContent()).toContain('1 von 7 Schritten');
      await page.getByRole('button', { name: 'Weiter zu Schritt 2' }).waitFor();
      await screenshot(page, '02-lab-step-graded');
    },
    STEP,
  );

  suite.test(
    'keeps progress, the last verdict, the hints and the terminal across a reload',
    async ({ page }) => {
      await page.reload();
      await page.locator('.env-line[data-state="ready"]').waitFor();
      expect(await page.locator('.lab-progress').textContent()).toContain('1 von 7 Schritten');
      expect(await page.locator('.step-link[data-step="knoten"]').getAttribute('class')).toContain(
        'passed',
      );
      // The step shows what it showed before: the passing verdict and the two revealed hints.
      await page.locator('.results.passed').waitFor();
      expect(await page.locator('.results .check-pass').count()).toBe(4);
      await page.locator('.hint-list li').nth(1).waitFor();
      expect(await page.locator('.hint-list li').count()).toBe(2);
      // The same shell, with what it printed before the reload.
      await waitForTerminal(page, /ip route[\s\S]*default via .* dev eth0/);
      await runInTerminal(page, 'echo noch-da');
      await waitForTerminal(page, /^noch-da$/m);
    },
    STEP,
  );

  suite.test(
    'fits a window 1024 pixels wide without sideways scrolling',
    async ({ page }) => {
      await page.setViewportSize({ width: 1024, height: 768 });
      try {
        await terminalIn(page).waitFor();
        expect(
          await page.evaluate<number>('document.documentElement.scrollWidth'),
        ).toBeLessThanOrEqual(1024);
        // The terminal refits to its narrower pane (fewer columns), it is not cut off.
        await eventually(async () => {
          const pane = await page.locator('.terminal-pane:not([hidden])').boundingBox();
          const screen = await terminalIn(page).locator('.xterm-screen').boundingBox();
          expect(screen!.x + screen!.width).toBeLessThanOrEqual(pane!.x + pane!.width);
        });
        const terminal = await terminalIn(page).boundingBox();
        const check = await page.getByRole('button', { name: 'Prüfen' }).boundingBox();
        expect(terminal!.x + terminal!.width).toBeLessThanOrEqual(1024);
        expect(check!.x + check!.width).toBeLessThan(terminal!.x);
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    },
    STEP,
  );

  suite.test(
    'moves between steps and remembers the current one',
    async ({ ctx, page }) => {
      await page.getByRole('button', { name: 'Weiter →' }).click();
      await page.getByRole('heading', { name: /Zwei „Pods“ als Netzwerk-Namespaces/ }).waitFor();
      await eventually(async () => {
        const { body } = await ctx
          .http()
          .get(`/api/instructor/sessions/${suite.sessionId}`)
          .set(instructorAuth);
        expect(body.session.currentStep.id).toBe('namespaces');
      });
      // A reload opens the step the learner was on.
      await page.reload();
      await page.getByRole('heading', { name: /Zwei „Pods“ als Netzwerk-Namespaces/ }).waitFor();
    },
    STEP,
  );

  suite.test(
    'says when the connection is lost, and recovers by itself',
    async ({ ctx, context, page }) => {
      await context.setOffline(true);
      await page.getByRole('button', { name: /^Schritt 3:/ }).click();
      const banner = page.locator('#connection-banner');
      await banner.waitFor({ state: 'visible' });
      expect(await banner.textContent()).toBe(
        'Verbindung zum Server verloren – wird wiederhergestellt …',
      );
      await context.setOffline(false);
      await banner.waitFor({ state: 'hidden', timeout: 15_000 });
      // The move made while offline reaches the server once it is back.
      await eventually(async () => {
        const { body } = await ctx
          .http()
          .get(`/api/instructor/sessions/${suite.sessionId}`)
          .set(instructorAuth);
        expect(body.session.currentStep.id).toBe('veth');
      });
    },
    STEP,
  );

  suite.test(
    'shows the session, its attempts and the transcript on the instructor dashboard',
    async ({ base, browser, pageErrors }) => {
      const dash = await openInstructorDashboard(browser, base, pageErrors);
      try {
        const row = dash.locator(`#sessions-live tr[data-session="${suite.sessionId}"]`);
        await row.waitFor();
        expect(await row.textContent()).toMatch(
          /Bea Browser.*Linux-Netzwerk-Grundlagen.*Ein Kabel für jeden Pod.*1\/7.*bereit/,
        );
        await screenshot(dash, '03-instructor-dashboard');

        await row.getByRole('link', { name: 'Bea Browser' }).click();
        await dash.getByRole('heading', { name: /Prüfungen \(2\)/ }).waitFor();
        const attempts = dash.locator('.attempt');
        expect(await attempts.nth(0).getAttribute('class')).toContain('failed');
        expect(await attempts.nth(1).getAttribute('class')).toContain('passed');
        expect(
          await attempts.nth(0).locator('[data-check="default-interface"] .icon').textContent(),
        ).toBe('✗');
        expect(await dash.locator('.transcript').textContent()).toMatch(/ip addr[\s\S]*ip route/);
        await screenshot(dash, '04-instructor-session');
      } finally {
        await dash.context().close();
      }
    },
    STEP,
  );

  suite.test(
    'finishes with a summary per step and no environment left',
    async ({ ctx, page }) => {
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Übung abschließen' }).first().click();
      await page.getByRole('heading', { name: 'Übung abgeschlossen' }).waitFor({ timeout: 30_000 });

      const first = page.locator('table.summary tbody tr').first();
      expect(await first.textContent()).toMatch(/Dein Knoten.*✓ geschafft\s*2/);
      expect(await page.locator('table.summary tbody tr').count()).toBe(7);
      // The view may first show "wird gerade gelöscht …" until the finish request has deleted it.
      await page
        .locator('.env-after', { hasText: 'Deine Umgebung ist gelöscht.' })
        .waitFor({ timeout: 30_000 });
      await screenshot(page, '05-finish');
      const { body } = await ctx
        .http()
        .get(`/api/instructor/sessions/${suite.sessionId}`)
        .set(instructorAuth);
      expect(body.session).toMatchObject({ status: 'finished', cluster: { status: 'deleted' } });
    },
    STEP,
  );
});
