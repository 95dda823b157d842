import path from 'node:path';
import { newId } from '../../src/common/ids.js';
import { LabsService } from '../../src/labs/labs.service.js';
import { SessionsRepository } from '../../src/sessions/sessions.repository.js';
import { INSTRUCTOR_TOKEN } from '../support/test-app.js';
import { screenshot } from './support/artifacts.js';
import { browserSuite } from './support/browser-suite.js';
import { describeInBrowser } from './support/describe-in-browser.js';

const STEP = 30_000;

/**
 * The instructor's view of a long session: attempts and commands arrive a page at a time, and
 * "Ältere … laden" adds the older ones above, in order, without gaps. Needs only Chromium (the
 * session has no environment; its history is written straight into the database).
 */
describeInBrowser('Instructor session detail in pages (Chromium)', () => {
  const suite = browserSuite({
    labs: path.resolve('labs'),
    context: { viewport: { width: 1280, height: 900 } },
  });
  // The session has no environment, so it stays out of the suite's tear-down.
  let sessionId: string;

  beforeAll(async () => {
    const { ctx, context } = suite;
    const learner = await ctx.newLearner('Paula Paging');
    // Without kind the catalog would refuse to start this lab: the session is written directly.
    const lab = ctx.app.get(LabsService).get('01-ip-adressierung');
    const session = await ctx.app.get(SessionsRepository).create({
      learnerId: learner.id,
      labId: lab.id,
      labHash: lab.contentHash,
      stepIds: lab.steps.map((s) => s.id),
      now: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    sessionId = session!.id;
    const start = Date.parse('2026-11-30T09:00:00Z');
    await ctx.prisma.transcriptEntry.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        id: newId(),
        sessionId,
        terminal: 't1',
        seq: i + 1,
        command: `echo befehl-${i + 1}`,
        exitCode: i % 7 === 0 ? 1 : 0,
        output: `befehl-${i + 1}\n`,
        startedAt: new Date(start + i * 10_000),
        finishedAt: new Date(start + i * 10_000 + 500),
      })),
    });
    await ctx.prisma.transcriptEntry.create({
      data: {
        id: newId(),
        sessionId,
        terminal: 't1',
        seq: 121,
        command:
          '# kubelab: 37 Befehle nicht aufgezeichnet – das Protokoll dieser Sitzung ist voll.',
        exitCode: null,
        output: '',
        startedAt: new Date(start + 121 * 10_000),
        dropped: 37,
      },
    });
    const step = 'pod-netze';
    await ctx.prisma.gradingAttempt.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        id: newId(),
        sessionId,
        stepId: step,
        passed: i === 29,
        results: '[]',
        durationMs: 100 + i,
        createdAt: new Date(start + i * 60_000),
      })),
    });
    await context.addInitScript({
      content: `localStorage.setItem('kubelab.instructorToken', ${JSON.stringify(INSTRUCTOR_TOKEN)});`,
    });
  }, 120_000);

  const commands = () => suite.page.locator('.transcript tbody tr td code').allTextContents();

  suite.test(
    'shows the newest page of commands and attempts, and loads older ones on request',
    async ({ base, page }) => {
      await page.goto(`${base}/instructor.html#/sitzung/${sessionId}`);
      await page.getByRole('heading', { name: 'Befehle im Terminal (50 von 121)' }).waitFor();
      await page.getByRole('heading', { name: 'Prüfungen (20 von 30)' }).waitFor();
      let shown = await commands();
      expect(shown).toHaveLength(50);
      // Oldest first on screen; the newest row is the marker of what was not recorded.
      expect(shown[0]).toBe('echo befehl-72');
      expect(shown.at(-1)).toContain('37 Befehle nicht aufgezeichnet');
      await screenshot(page, 'instructor-paging-01-newest');
      await page.locator('.transcript tbody tr').last().scrollIntoViewIfNeeded();
      await screenshot(page, 'instructor-paging-02-transcript-end');

      await page.getByRole('button', { name: 'Ältere Befehle laden' }).click();
      await page.getByRole('heading', { name: 'Befehle im Terminal (100 von 121)' }).waitFor();
      await page.getByRole('button', { name: 'Ältere Befehle laden' }).click();
      await page.getByRole('heading', { name: 'Befehle im Terminal (121)' }).waitFor();
      expect(await page.getByRole('button', { name: 'Ältere Befehle laden' }).count()).toBe(0);
      shown = await commands();
      expect(shown.slice(0, -1)).toEqual(
        Array.from({ length: 120 }, (_, i) => `echo befehl-${i + 1}`),
      );

      await page.getByRole('button', { name: 'Ältere Prüfungen laden' }).click();
      await page.getByRole('heading', { name: 'Prüfungen (30)' }).waitFor();
      expect(await page.locator('.attempt').count()).toBe(30);
      expect(await page.locator('.attempt').last().getAttribute('class')).toContain('passed');
      await screenshot(page, 'instructor-paging-03-all-attempts');
    },
    STEP,
  );

  suite.test(
    'keeps the older pages and adds new commands when the view refreshes',
    async ({ ctx, page }) => {
      await ctx.prisma.transcriptEntry.create({
        data: {
          id: newId(),
          sessionId,
          terminal: 't2',
          seq: 1,
          command: 'echo ganz-neu',
          exitCode: 0,
          output: '',
          startedAt: new Date(Date.parse('2026-11-30T12:00:00Z')),
        },
      });
      // The page refreshes by itself every few seconds.
      await page.getByRole('heading', { name: 'Befehle im Terminal (122)' }).waitFor();
      const shown = await commands();
      expect(shown).toHaveLength(122);
      expect(shown[0]).toBe('echo befehl-1');
      expect(shown.at(-1)).toBe('echo ganz-neu');
    },
    STEP,
  );
});
