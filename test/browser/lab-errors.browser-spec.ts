import path from 'node:path';
import { LabsService } from '../../src/labs/labs.service.js';
import { SessionProvisioner } from '../../src/sessions/session-provisioner.js';
import { SessionsRepository } from '../../src/sessions/sessions.repository.js';
import { type TestContext } from '../support/test-app.js';
import { screenshot } from './support/artifacts.js';
import { browserSuite } from './support/browser-suite.js';
import { collectPageErrors } from './support/chromium.js';
import { describeInBrowser } from './support/describe-in-browser.js';

const STEP = 30_000;

/**
 * The lab page when things go wrong, on a host without kind and Docker (no environment can be
 * made): German sentences with a way out, never a blank page. Needs only Chromium.
 */
describeInBrowser('Lab page when no environment can be made (Chromium)', () => {
  const suite = browserSuite({
    labs: path.resolve('labs'),
    // Uli signs up through the API; the next sign-up from this address is one too many.
    env: { KUBELAB_RATE_SIGNUPS_PER_IP: '1/h' },
    context: { viewport: { width: 1280, height: 800 } },
  });
  let learner: Awaited<ReturnType<TestContext['newLearner']>>;

  beforeAll(async () => {
    learner = await suite.ctx.newLearner('Uli Ohne-Docker');
    await suite.context.addInitScript({
      content: `localStorage.setItem('kubelab.token', ${JSON.stringify(learner.token)});`,
    });
  });

  /**
   * A session of a kind lab begun as if the catalog had still offered it (the start page now
   * refuses it here, 409): its provisioning finds no kind and no Docker.
   */
  async function startKindLab(): Promise<string> {
    const { ctx } = suite;
    const lab = ctx.app.get(LabsService).get('01-ip-adressierung');
    const now = new Date();
    const session = await ctx.app.get(SessionsRepository).create({
      learnerId: learner.id,
      labId: lab.id,
      labHash: lab.contentHash,
      stepIds: lab.steps.map((s) => s.id),
      now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    ctx.app.get(SessionProvisioner).start(session!.id, lab);
    await ctx.settle();
    return session!.id;
  }

  suite.test(
    'says in German why there is no environment here, and leads back instead of offering a retry',
    async ({ ctx, base, page }) => {
      const id = await startKindLab();
      const { body: session } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth);
      expect(session.status).toBe('unavailable');

      await page.goto(`${base}/lab.html?session=${id}`);
      const problem = page.locator('.env-line.problem[role="alert"]');
      await problem.waitFor();
      expect(await problem.textContent()).toContain(session.message);
      expect(await page.getByText('Das Terminal öffnet sich, sobald').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Prüfen' }).getAttribute('aria-disabled')).toBe(
        'true',
      );

      expect(session.message).toMatch(/^Auf diesem Server läuft Docker gerade nicht/);
      expect(session.message).not.toMatch(/installieren|apt-get|KUBELAB_/);
      // Trying again cannot help until the operator acts: the way back instead.
      expect(await problem.getByRole('button').count()).toBe(0);
      await screenshot(page, 'lab-errors-01-not-available-here');
      await problem.getByRole('link', { name: 'Zur Übersicht' }).click();
      await page.waitForURL(`${base}/`);
      await page.goBack();
      await problem.waitFor();
    },
    STEP,
  );

  suite.test(
    'has a terminal tab per node of the cluster, reachable with the arrow keys',
    async ({ page }) => {
      const tabs = page.getByRole('tab');
      expect(await tabs.allTextContents()).toEqual(['control-plane', 'worker', 'worker2']);
      await tabs.first().focus();
      await page.keyboard.press('ArrowRight');
      expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('worker');
    },
    STEP,
  );

  suite.test(
    'shows that lab as not available on the start page, with no "Fortsetzen" that cannot help',
    async ({ base, page }) => {
      await page.goto(`${base}/`);
      const card = page.locator('.card[data-lab="01-ip-adressierung"]');
      await card.locator('.card-unavailable').waitFor();
      expect(await card.textContent()).toContain('Sitzung nicht verfügbar');
      expect(await card.getByRole('button').count()).toBe(0);
    },
    STEP,
  );

  suite.test(
    'explains an unknown session and leads back to the start page',
    async ({ base, page }) => {
      await page.goto(`${base}/lab.html?session=0b7e8a52-3c1d-4e5f-9a6b-7c8d9e0f1a2b`);
      await page
        .getByText('Diese Sitzung gibt es nicht (mehr). Starte die Übung auf der Übersicht neu.')
        .waitFor();
      await page.getByRole('link', { name: 'Zur Übersicht' }).click();
      await page.waitForURL(`${base}/`);
    },
    STEP,
  );

  suite.test(
    'says in German how long to wait when too many sign up from one address',
    async ({ base, browser, pageErrors }) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const newcomer = await context.newPage();
        collectPageErrors(newcomer, pageErrors);
        await newcomer.goto(`${base}/`);
        await newcomer.getByLabel('Wie heißt du?').fill('Nora Neu');
        await newcomer.getByRole('button', { name: 'Los geht’s' }).click();
        await newcomer
          .getByText(
            'Gerade melden sich sehr viele an. Bitte versuche es in 60 Minuten noch einmal.',
          )
          .waitFor();
        await screenshot(newcomer, '06-sign-up-rate-limited');
      } finally {
        await context.close();
      }
    },
    STEP,
  );
});
