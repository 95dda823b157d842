import path from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import type { Browser, Page } from 'playwright-core';
import { dockerAvailable } from '../support/docker.js';
import { tempDir } from '../support/temp-dir.js';
import type { TestContext } from '../support/test-app.js';
import { screenshot } from './support/artifacts.js';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { closeWebApp, startWebApp } from './support/web-app.js';
import { runInTerminal, terminalIn, waitForTerminal } from './support/xterm.js';

/**
 * Lab 01 on a real kind cluster, through the API and the browser terminal: the one test that
 * proves the core path end to end. It needs kind (KUBELAB_KIND_BIN, default `kind`) and a node
 * image on the Docker engine (KUBELAB_KIND_NODE_IMAGE, e.g. from scripts/kind-offline/build.sh);
 * where either is missing it is reported as skipped, with the reason. CI does not build the
 * image (scripts/kind-offline takes longer than CI's budget), so it is skipped there.
 */
const KIND_BIN = process.env.KUBELAB_KIND_BIN ?? 'kind';
const NODE_IMAGE = process.env.KUBELAB_KIND_NODE_IMAGE ?? 'kindest/node:v1.37.0';

async function missingForRealKind(): Promise<string | undefined> {
  if (!chromiumAvailable()) return 'no Chromium';
  if (!(await dockerAvailable())) return 'no Docker engine';
  const kind = await execa(KIND_BIN, ['version'], { reject: false });
  if (kind.failed) return `no kind CLI at ${KIND_BIN}`;
  try {
    await new Docker().getImage(NODE_IMAGE).inspect();
  } catch {
    return `node image ${NODE_IMAGE} is not on the Docker engine (scripts/kind-offline/build.sh makes one)`;
  }
  return undefined;
}

const missing = await missingForRealKind();
if (missing) console.warn(`real-kind browser test skipped: ${missing}`);
const describeOnRealKind = missing ? describe.skip : describe;

const READY_TIMEOUT = 8 * 60_000;

describeOnRealKind('Lab 01 on a real kind cluster, in Chromium', () => {
  const tmp = tempDir('kubelab-real-kind-');
  let ctx: TestContext;
  let browser: Browser;
  let page: Page;
  let sessionId = '';

  beforeAll(async () => {
    const started = await startWebApp(tmp.dir, {
      KUBELAB_LABS_DIR: path.resolve('labs'),
      KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
      KUBELAB_KIND_BIN: KIND_BIN,
      KUBELAB_KIND_NODE_IMAGE: NODE_IMAGE,
      KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
    });
    ctx = started.ctx;
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'de-DE',
    });
    page = await context.newPage();
    await page.goto(`${started.base}/`);
  }, 240_000);

  afterAll(() => closeWebApp({ ctx, browser, sessionId, tmp }), 180_000);

  it(
    'starts lab 01, runs the step in the terminal and gets „bestanden“',
    async () => {
      await page.getByLabel('Wie heißt du?').fill('Kim Kind');
      await page.getByRole('button', { name: 'Los geht’s' }).click();
      await page
        .locator('.card[data-lab="01-ip-adressierung"]')
        .getByRole('button', { name: /starten/ })
        .click();
      await page.waitForURL(/\/lab\.html\?session=/);
      sessionId = new URL(page.url()).searchParams.get('session') ?? '';
      await page.locator('.env-line[data-state="ready"]').waitFor({ timeout: READY_TIMEOUT });

      // Local mode: the terminal is a root shell in the control-plane node (`#`), kubectl at hand.
      await terminalIn(page).waitFor({ timeout: 60_000 });
      await waitForTerminal(page, /#\s*$/m, 60_000);
      await runInTerminal(
        page,
        'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODCIDR:.spec.podCIDR',
      );
      await waitForTerminal(page, /-control-plane\s+10\.244\.\d+\.0\/24/, 60_000);
      const shown = await waitForTerminal(page, /\s10\.244\.2\.0\/24\s*$/m, 60_000);
      const podCidr = /-control-plane\s+(10\.244\.\d+\.0\/24)/.exec(shown)?.[1] ?? '';
      const nodeWithNetTwo = /^(\S+)\s+10\.244\.2\.0\/24\s*$/m.exec(shown)?.[1] ?? '';

      await page
        .getByLabel(/Welches Pod-Netz \(podCIDR\) hat der Control-Plane-Knoten/)
        .fill(podCidr);
      await page
        .getByLabel(/Welcher Knoten hat das Pod-Netz 10\.244\.2\.0\/24/)
        .fill(nodeWithNetTwo);
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await page.locator('.results.passed').waitFor({ timeout: 60_000 });
      expect(await page.locator('.results .verdict').textContent()).toContain('Geschafft');
      expect(await page.locator('.results .check-pass').count()).toBe(3);
      expect(await page.locator('.results').textContent()).toContain('bestanden');
      await screenshot(page, 'real-kind-01-step-passed');
    },
    READY_TIMEOUT + 5 * 60_000,
  );
});
