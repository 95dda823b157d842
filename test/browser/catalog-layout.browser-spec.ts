import path from 'node:path';
import type { Page } from 'playwright-core';
import { INSTRUCTOR_TOKEN, type TestLearner } from '../support/test-app.js';
import { screenshot } from './support/artifacts.js';
import { browserSuite } from './support/browser-suite.js';
import { collectPageErrors } from './support/chromium.js';
import { describeInBrowserWithDocker as describeInBrowser } from './support/describe-in-browser-with-docker.js';
import { eventually } from './support/eventually.js';
import { runInTerminal, terminalIn, waitForTerminal } from './support/xterm.js';

const LAB = '00-linux-netzwerk';
const KIND_LAB = '01-ip-adressierung';
const STEP = 60_000;
/** Words of the operator's fix that a learner must never read. */
const OPERATOR_TEXT = /installieren|KUBELAB_|https?:|PATH|apt-get|docker pull/;

/** How many lines the text of the first element matching `selector` takes (distinct tops). */
function linesOf(page: Page, selector: string): Promise<number> {
  return page.evaluate(`(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(${JSON.stringify(selector)}));
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  })()`);
}

/**
 * The catalog on a host with Docker and lab 00's image but without kind, and the layout of the
 * start, lab and instructor pages at 800 and 1400 px, in Chromium.
 */
describeInBrowser('Catalog and layout in Chromium (real container environment, no kind)', () => {
  const suite = browserSuite({
    labs: path.resolve('labs'),
    docker: true,
    context: { viewport: { width: 1400, height: 900 }, locale: 'de-DE' },
  });
  let instructor: Page;
  let learner: TestLearner;

  beforeAll(async () => {
    const { ctx, browser, context, pageErrors } = suite;
    learner = await ctx.newLearner('Lia Layout');
    await context.addInitScript({
      content: `localStorage.setItem('kubelab.token', ${JSON.stringify(learner.token)});`,
    });
    const instructorContext = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'de-DE',
    });
    await instructorContext.addInitScript({
      content: `localStorage.setItem('kubelab.instructorToken', ${JSON.stringify(INSTRUCTOR_TOKEN)});`,
    });
    instructor = await instructorContext.newPage();
    collectPageErrors(instructor, pageErrors);
  }, 240_000);

  suite.test(
    'shows the kind labs as not available here, with the learner reason and no start button',
    async ({ base, page }) => {
      await page.goto(`${base}/`);
      const card = page.locator(`.card[data-lab="${KIND_LAB}"]`);
      await card.locator('.card-unavailable').waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('Gerade nicht verfügbar');
      expect(text).toContain(
        'Auf diesem Server fehlt kind, das Programm, das die Kubernetes-Cluster der Übungen erstellt. Bitte sag deiner Kursleitung Bescheid.',
      );
      expect(text).not.toMatch(OPERATOR_TEXT);
      expect(await card.getByRole('button').count()).toBe(0);
      expect(await page.locator('.card.unavailable').count()).toBe(5);
      const available = page.locator(`.card[data-lab="${LAB}"]`);
      expect(await available.getByRole('button', { name: /starten/ }).count()).toBe(1);
      expect(await available.locator('.card-unavailable').count()).toBe(0);
      await screenshot(page, 'catalog-01-unavailable-labs');
    },
    STEP,
  );

  suite.test(
    "tells the instructor which labs run here now, and the operator's fix for the others",
    async ({ base }) => {
      await instructor.goto(`${base}/instructor.html`);
      const section = instructor.locator('section.lab-availability');
      await section.waitFor();
      expect(await section.locator('p.meta').first().textContent()).toMatch(
        /^1 von 6 Übungen können gestartet werden/,
      );
      const lab00 = section.locator(`tr[data-lab="${LAB}"]`);
      expect(await lab00.locator('td').nth(1).textContent()).toBe('ja');
      const kindLab = section.locator(`tr[data-lab="${KIND_LAB}"]`);
      expect(await kindLab.locator('td').nth(1).textContent()).toBe('nein');
      expect(await kindLab.locator('.blockers').textContent()).toContain(
        'Das Programm kind (/nonexistent/kind) ist nicht vorhanden',
      );
      expect(await kindLab.textContent()).toContain(
        'Lernende lesen: „Auf diesem Server fehlt kind',
      );
      // Each fix once, with the labs it keeps from running.
      const fix = section.locator('.fixes li[data-blocker="kind CLI"]');
      expect(await fix.count()).toBe(1);
      expect(await fix.textContent()).toContain('Lösung: kind ab Version 0.24 installieren');
      expect(await fix.textContent()).toContain(
        'Betrifft: 01-ip-adressierung, 02-nat, 03-dns, 04-networkpolicy, 05-fehlersuche',
      );
      await section.scrollIntoViewIfNeeded();
      await screenshot(instructor, 'catalog-02-instructor-availability');
      await section.locator('.fixes').scrollIntoViewIfNeeded();
      await screenshot(instructor, 'catalog-02-instructor-fixes');
    },
    STEP,
  );

  suite.test(
    'lays the lab page out: whole title at 800 px, badge on one line, no dark strip under the terminal',
    async ({ ctx, base, page }) => {
      suite.sessionId = (await ctx.newSession(learner, LAB)).id;
      await ctx.prisma.stepProgress.updateMany({
        where: { sessionId: suite.sessionId, stepId: 'knoten' },
        data: { passedAt: new Date() },
      });
      await page.setViewportSize({ width: 800, height: 700 });
      await page.goto(`${base}/lab.html?session=${suite.sessionId}`);
      await page.locator('.env-line[data-state="ready"]').waitFor({ timeout: 30_000 });
      await terminalIn(page).waitFor();

      const whole = await page.evaluate<boolean>(`(() => {
        const h1 = document.querySelector('.lab-header h1');
        return h1.scrollHeight <= h1.clientHeight && h1.scrollWidth <= h1.clientWidth;
      })()`);
      expect(whole).toBe(true);
      expect(await linesOf(page, '.step .badge.passed')).toBe(1);

      // Below the last whole row of the terminal the pane shows the terminal's own colour.
      const colours = await page.evaluate<string[]>(`(() => {
        const painted = (el) => {
          for (; el; el = el.parentElement) {
            const colour = getComputedStyle(el).backgroundColor;
            if (colour !== 'rgba(0, 0, 0, 0)') return colour;
          }
        };
        const pane = document.querySelector('.terminal-pane:not([hidden])');
        const rows = pane.querySelector('.xterm-screen').getBoundingClientRect();
        const box = pane.getBoundingClientRect();
        const y = Math.min(rows.bottom + 2, box.bottom - 1);
        return [painted(document.elementFromPoint(box.left + box.width / 2, y)),
          getComputedStyle(document.querySelector('.terminal-panel')).backgroundColor];
      })()`);
      expect(colours[0]).toBe(colours[1]);
      await screenshot(page, 'catalog-03-lab-800px');

      // At 1400 px this title ends where the badge would have broken in two.
      await page.setViewportSize({ width: 1400, height: 900 });
      expect(await linesOf(page, '.step .badge.passed')).toBe(1);
      await screenshot(page, 'catalog-03-lab-1400px');
    },
    STEP,
  );

  suite.test(
    'scrolls a long command sideways at 800 px instead of cutting it',
    async ({ page }) => {
      await page.setViewportSize({ width: 800, height: 700 });
      await page.getByRole('button', { name: /^Schritt 3/ }).click();
      const pre = '.step[data-step="veth"] .step-content pre';
      await page.locator(pre).first().scrollIntoViewIfNeeded();
      const box = await page.evaluate<{
        scrollWidth: number;
        clientWidth: number;
        overflowX: string;
        right: number;
        guideRight: number;
      }>(`(() => {
        const el = document.querySelector(${JSON.stringify(pre)});
        return {
          scrollWidth: el.scrollWidth,
          clientWidth: el.clientWidth,
          overflowX: getComputedStyle(el).overflowX,
          right: el.getBoundingClientRect().right,
          guideRight: document.querySelector('.guide').getBoundingClientRect().right,
        };
      })()`);
      expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
      expect(box.overflowX).toBe('auto');
      // Inside the guide column: what does not fit is scrolled to, not cut off by the column.
      expect(box.right).toBeLessThanOrEqual(box.guideRight);
      await screenshot(page, 'catalog-04-code-800px-start');
      const scrolled = await page.evaluate<number>(`(() => {
        const el = document.querySelector(${JSON.stringify(pre)});
        el.scrollLeft = el.scrollWidth;
        return el.scrollLeft;
      })()`);
      expect(scrolled).toBe(box.scrollWidth - box.clientWidth);
      await screenshot(page, 'catalog-05-code-800px-scrolled');
    },
    STEP,
  );

  suite.test(
    "groups the transcript by step on the instructor's session page",
    async ({ ctx, base, page }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.getByRole('button', { name: /^Schritt 1:/ }).click();
      await runInTerminal(page, 'ip -br addr');
      await waitForTerminal(page, /ext0@\S+\s+UP/);
      await ctx.check(learner, suite.sessionId, 'knoten');
      await page.getByRole('button', { name: /^Schritt 2:/ }).click();
      await page.locator('.step[data-step="namespaces"]').waitFor();
      await runInTerminal(page, 'ip netns list');
      await runInTerminal(page, 'echo fertig');
      await eventually(async () => {
        const { body } = await ctx
          .http()
          .get(`/api/instructor/sessions/${suite.sessionId}/transcript`)
          .set({ Authorization: `Bearer ${INSTRUCTOR_TOKEN}` })
          .expect(200);
        expect(body.items.map((e: { command: string }) => e.command)).toContain('echo fertig');
      });

      await instructor.goto(`${base}/instructor.html#/sitzung/${suite.sessionId}`);
      const toggle = instructor.getByLabel('Nach Schritt gruppieren');
      await toggle.check();
      const groups = instructor.locator('.transcript-group');
      await groups.first().waitFor();
      const commandsOf = (step: string) =>
        instructor.locator(`.transcript-group[data-step="${step}"] td code`).allTextContents();
      expect(await groups.locator('h3').allTextContents()).toEqual([
        'Schritt 1: Dein Knoten – Interfaces und Routen · 1 Befehl',
        expect.stringMatching(/^Schritt 2: .+ · 2 Befehle$/),
      ]);
      expect(await commandsOf('knoten')).toEqual(['ip -br addr']);
      expect(await commandsOf('namespaces')).toEqual(['ip netns list', 'echo fertig']);
      await instructor.locator('#transcript-title').scrollIntoViewIfNeeded();
      await screenshot(instructor, 'catalog-07-transcript-by-step');

      // The choice stays when the page is read again, and can be undone.
      await instructor.reload();
      await groups.first().waitFor();
      await instructor.getByLabel('Nach Schritt gruppieren').uncheck();
      expect(await groups.count()).toBe(0);
      expect(await instructor.locator('table.transcript td code').allTextContents()).toEqual([
        'ip -br addr',
        'ip netns list',
        'echo fertig',
      ]);
    },
    STEP,
  );

  suite.test(
    "keeps „Zusammenfassung“ and „Neu starten“ side by side on a finished lab's card at 800 and 1400 px",
    async ({ ctx, base, page }) => {
      await ctx
        .http()
        .post(`/api/sessions/${suite.sessionId}/finish`)
        .set(learner.auth)
        .expect(200);
      suite.sessionId = '';
      for (const width of [800, 1400]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${base}/`);
        const card = page.locator(`.card[data-lab="${LAB}"]`);
        const restart = card.getByRole('button', { name: /neu starten/ });
        await restart.waitFor();
        const summary = card.getByRole('button', { name: 'Zusammenfassung' });
        expect(
          await linesOf(page, `.card[data-lab="${LAB}"] .card-actions button:last-child`),
        ).toBe(1);
        expect(
          await linesOf(page, `.card[data-lab="${LAB}"] .card-actions button:first-child`),
        ).toBe(1);
        const [a, b] = [await summary.boundingBox(), await restart.boundingBox()];
        // Side by side on one line, each label whole.
        expect(b!.y).toBe(a!.y);
        expect(b!.height).toBe(a!.height);
        await screenshot(page, `catalog-06-finished-card-${width}px`);
      }
    },
    STEP,
  );
});
