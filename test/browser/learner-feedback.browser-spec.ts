import path from 'node:path';
import { screenshot } from './support/artifacts.js';
import { browserSuite } from './support/browser-suite.js';
import { describeInBrowserWithDocker } from './support/describe-in-browser-with-docker.js';
import { openInstructorDashboard } from './support/instructor-dashboard.js';
import { runInTerminal, terminalIn, waitForTerminal } from './support/xterm.js';

const LAB = '00-linux-netzwerk';
const READY_TIMEOUT = 120_000;
const STEP = 60_000;

/** What a check's internals look like: a JSONPath, a shell script, a pattern, escaped JSON. */
const INTERNALS = [/\{\[|\{\.|\[\?\(@/, /\bsh -c\b/, /\\[dsbw.]|\.\*|\(\?:|\^\w/, /\\"|\{"/];

/**
 * Issue #18, feedback for learners: lab 00's veth step with the mistakes learners make (a wrong
 * address in pod2, pod2's end left down) in Chromium against a real container. The results speak
 * German sentences with the observed value, fold away the command to look for oneself, come into
 * view after „Prüfen“; the instructor reads the technical side.
 */
describeInBrowserWithDocker('Feedback a learner understands (lab 00 in Chromium)', () => {
  const suite = browserSuite({
    labs: path.resolve('labs'),
    docker: true,
    context: { viewport: { width: 1400, height: 900 }, locale: 'de-DE' },
    tmpPrefix: 'kubelab-feedback-',
  });

  /** The bounding box of `selector` lies wholly inside the window. */
  const inView = (selector: string) =>
    suite.page.evaluate<boolean>(`(() => {
      const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
    })()`);

  suite.test(
    'starts lab 00, leads to the answer field and back to it from a wrong answer',
    async ({ base, page }) => {
      await page.goto(`${base}/`);
      await page.getByLabel('Wie heißt du?').fill('Fee Feedback');
      await page.getByRole('button', { name: 'Los geht’s' }).click();
      await page
        .locator(`.card[data-lab="${LAB}"]`)
        .getByRole('button', { name: /starten/ })
        .click();
      await page.waitForURL(/\/lab\.html\?session=/);
      suite.sessionId = new URL(page.url()).searchParams.get('session')!;
      await page.locator('.env-line[data-state="ready"]').waitFor({ timeout: READY_TIMEOUT });
      await terminalIn(page).waitFor({ timeout: 30_000 });

      // The step says at its top where the question is, and takes the learner there.
      await screenshot(page, 'feedback-00-step-top');
      await page.getByRole('link', { name: 'Zu deiner Antwort ↓' }).click();
      expect(await page.evaluate<string>('document.activeElement.id')).toBe(
        'answer-default-interface',
      );
      expect(await inView('#answer-default-interface')).toBe(true);
      const field = page.getByLabel(/Über welches Interface verlässt ein Paket/);
      await field.fill('lo');
      await page.getByRole('button', { name: 'Prüfen' }).click();
      const answer = page.locator('.results [data-check="default-interface"]');
      await answer.waitFor({ timeout: 30_000 });
      expect(await answer.locator('strong').textContent()).toMatch(/^Über welches Interface/);

      // From the result back to the field.
      await field.evaluate((input) => (input as unknown as { blur(): void }).blur());
      await screenshot(page, 'feedback-00-wrong-answer');
      await answer.getByRole('button', { name: 'Antwort ändern' }).click();
      expect(await page.evaluate<string>('document.activeElement.id')).toBe(
        'answer-default-interface',
      );
    },
    READY_TIMEOUT + STEP,
  );

  suite.test(
    'shows sentences with the observed values, no internals, after a wrong veth step',
    async ({ page }) => {
      await page.getByRole('button', { name: /^Schritt 3:/ }).click();
      await page.getByRole('heading', { name: /Ein Kabel für jeden Pod/ }).waitFor();
      // One command a line, as the step shows them: the transcript check reads each line.
      for (const line of [
        'ip netns add pod1; ip netns add pod2',
        'ip link add veth-pod1 type veth peer name eth0 netns pod1',
        'ip link add veth-pod2 type veth peer name eth0 netns pod2',
        'ip -n pod1 addr add 10.244.1.2/24 dev eth0',
        'ip -n pod2 addr add 10.244.1.30/24 dev eth0',
        'ip -n pod1 link set eth0 up; ip link set veth-pod1 up; ip link set veth-pod2 up',
        'echo fertig-1',
      ]) {
        await runInTerminal(page, line);
      }
      await waitForTerminal(page, /^fertig-1$/m);

      await page.getByRole('button', { name: 'Prüfen' }).click();
      const results = page.locator('.results');
      await results.waitFor({ timeout: 30_000 });

      const address = results.locator('[data-check="pod2-adresse"]');
      expect(await address.locator('p').first().textContent()).toBe(
        'eth0 in pod2 hat die Adresse 10.244.1.30 – erwartet ist 10.244.1.3.',
      );
      const veth = results.locator('[data-check="veth-oben"]');
      expect(await veth.locator('p').first().textContent()).toBe(
        'Ein veth-Ende auf dem Knoten ist noch nicht UP, sondern DOWN.',
      );
      // The hint names the pod whose end is down.
      expect(await results.locator('.hints.matched').textContent()).toContain(
        'veth-pod2 ist eingeschaltet, aber sein anderes Ende in pod2 noch nicht',
      );
      const text = (await results.textContent()) ?? '';
      for (const internal of INTERNALS) expect(text).not.toMatch(internal);
      expect(await results.getByText('Erwartet und beobachtet').count()).toBe(0);

      // The verdict and the results came into view; the verdict has the focus.
      expect(await inView('.results .verdict')).toBe(true);
      expect(await page.evaluate<string>('document.activeElement.className')).toBe('verdict');
      await screenshot(page, 'feedback-01-wrong-veth-step');
    },
    STEP,
  );

  suite.test(
    'folds away a command the learner runs as shown to see the address themselves',
    async ({ page }) => {
      const address = page.locator('.results [data-check="pod2-adresse"]');
      const see = address.locator('details.see');
      expect(await see.getAttribute('open')).toBeNull();
      await see.getByText('Selbst nachsehen').click();
      expect(await see.locator('pre').textContent()).toBe('ip -n pod2 addr show dev eth0');
      await see.scrollIntoViewIfNeeded();
      await screenshot(page, 'feedback-02-selbst-nachsehen');

      await see.getByRole('button', { name: 'Code ins Terminal einfügen' }).click();
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /inet 10\.244\.1\.30\/24/);
    },
    STEP,
  );

  suite.test(
    'brings the passed verdict and „Weiter zu Schritt 4“ into view',
    async ({ page }) => {
      await runInTerminal(
        page,
        'ip -n pod2 addr del 10.244.1.30/24 dev eth0; ip -n pod2 addr add 10.244.1.3/24 dev eth0; ' +
          'ip -n pod2 link set eth0 up; echo fertig-2',
      );
      await waitForTerminal(page, /^fertig-2$/m);
      // Scrolled back to the top of the step, as a learner who read the text again would be.
      await page.locator('#step-title').scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await page.locator('.results.passed').waitFor({ timeout: 30_000 });

      expect(
        await page.locator('.results [data-check="pod2-adresse"] p').first().textContent(),
      ).toBe('eth0 in pod2 hat die Adresse 10.244.1.3.');
      const onward = page.getByRole('button', { name: 'Weiter zu Schritt 4' });
      await onward.waitFor();
      expect(await inView('.results-box .primary')).toBe(true);
      expect(await inView('.results .verdict')).toBe(true);
      await screenshot(page, 'feedback-03-passed-in-view');
    },
    STEP,
  );

  suite.test(
    'shows the instructor the technical detail and the question, not the learner’s wording',
    async ({ base, browser, pageErrors, sessionId }) => {
      const dash = await openInstructorDashboard(browser, base, pageErrors, {
        width: 1400,
        height: 900,
      });
      try {
        await dash
          .locator(`#sessions-live tr[data-session="${sessionId}"]`)
          .getByRole('link', { name: 'Fee Feedback' })
          .click();
        await dash.getByRole('heading', { name: /Prüfungen \(3\)/ }).waitFor();

        const answer = dash.locator(
          '.attempt[data-step="knoten"] [data-check="default-interface"]',
        );
        expect(await answer.locator('strong').textContent()).toMatch(/^Über welches Interface/);
        const failedVeth = dash.locator('.attempt.failed[data-step="veth"]').first();
        const address = failedVeth.locator('[data-check="pod2-adresse"]');
        expect(await address.locator('p.detail').textContent()).toContain(
          '[0].addr_info[?(@.family=="inet")].local ist "10.244.1.30"',
        );
        await address.locator('summary').click();
        expect(await address.locator('dd').first().textContent()).toBe(
          'eth0 in pod2 hat die Adresse 10.244.1.30 – erwartet ist 10.244.1.3.',
        );
        // The command's JSON output reads as JSON, not as an escaped string inside JSON.
        const observed = await address.locator('dd pre').last().textContent();
        expect(observed).toContain('"local": "10.244.1.30"');
        expect(observed).not.toContain('\\"ifname');
        await address.scrollIntoViewIfNeeded();
        await screenshot(dash, 'feedback-04-instructor-detail');
      } finally {
        await dash.context().close();
      }
    },
    STEP,
  );
});
