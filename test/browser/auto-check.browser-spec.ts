import path from 'node:path';
import { browserSuite } from './support/browser-suite.js';
import { describeInBrowserWithDocker } from './support/describe-in-browser-with-docker.js';
import { openSessionAs } from './support/learner-tab.js';
import { runInTerminal, terminalIn, waitForTerminal } from './support/xterm.js';

/**
 * The background check as a learner sees it in Chromium: a lab with `autoCheck` says so, and a
 * command typed in the terminal marks the step done without pressing "Prüfen".
 */
describeInBrowserWithDocker('Background check in Chromium (real container environment)', () => {
  const suite = browserSuite({
    labs: path.resolve('test/fixtures/auto-check-labs'),
    docker: true,
    context: { viewport: { width: 1280, height: 800 } },
  });

  beforeAll(async () => {
    const { ctx, base, page } = suite;
    const learner = await ctx.newLearner('Ada Auto');
    const session = await ctx.newSession(learner, '01-auto');
    suite.sessionId = session.id;
    await openSessionAs(page, base, learner.token, suite.sessionId);
  }, 240_000);

  suite.test(
    'marks the step done when the terminal command completes it',
    async ({ page, pageErrors }) => {
      await page.getByText('Automatisches Prüfen ist an').waitFor();
      await terminalIn(page).waitFor({ timeout: 30_000 });
      await waitForTerminal(page, /^kl-[0-9a-f]{8}:\S+ #$/m);
      expect(await page.locator('.lab-progress').textContent()).toContain('0 von 2 Schritten');

      await runInTerminal(page, 'ip netns add blau');
      await page
        .getByText(
          '✓ „Namespace blau anlegen“ ist geschafft – kubelab hat es beim automatischen Prüfen erkannt.',
        )
        .waitFor({ timeout: 30_000 });
      expect(await page.locator('.lab-progress').textContent()).toContain('1 von 2 Schritten');
      expect(pageErrors).toEqual([]);
    },
    90_000,
  );
});
