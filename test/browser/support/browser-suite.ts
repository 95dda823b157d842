import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { tempDir } from '../../support/temp-dir.js';
import type { TestContext } from '../../support/test-app.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { closeWebApp, startContainerWebApp, startWebApp } from './web-app.js';

export interface BrowserSuiteOptions {
  /** The labs folder the app serves. */
  labs: string;
  /** Container environments on the local Docker engine (startContainerWebApp). */
  docker?: boolean;
  /** More environment for the app (without docker only). */
  env?: Record<string, string>;
  /** The browser context's options: viewport, locale. */
  context: BrowserContextOptions;
  /** The clipboard allowed for the app's origin, as a learner's terminal needs it. */
  clipboard?: boolean;
  tmpPrefix?: string;
}

/** What a browser spec shares; set by the suite's beforeAll, read in the tests. */
export interface BrowserSuite {
  ctx: TestContext;
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The session whose environment the tear-down removes; a spec sets it when it makes one. */
  sessionId: string;
  /** The page's uncaught errors and CSP refusals; none may be left after a test. */
  readonly pageErrors: string[];
  /** `it` handed the suite's parts, as they are once the beforeAll has run. */
  test(name: string, fn: (parts: BrowserSuite) => Promise<void>, timeout?: number): void;
}

/**
 * The web app and Chromium for the `describe` it is called in: its beforeAll starts the app and
 * opens one page (spec-specific set-up follows in the spec's own beforeAll), its afterEach
 * expects no page errors, its afterAll removes the session's environment and closes everything.
 */
export function browserSuite(options: BrowserSuiteOptions): BrowserSuite {
  const tmp = tempDir(options.tmpPrefix ?? 'kubelab-browser-');
  const suite = {
    sessionId: '',
    pageErrors: [] as string[],
    test: (name, fn, timeout) => it(name, () => fn(suite), timeout),
  } as BrowserSuite;

  beforeAll(
    async () => {
      ({ ctx: suite.ctx, base: suite.base } = options.docker
        ? await startContainerWebApp(tmp.dir, options.labs)
        : await startWebApp(tmp.dir, { ...options.env, KUBELAB_LABS_DIR: options.labs }));
      suite.browser = await launchChromium();
      suite.context = await suite.browser.newContext(options.context);
      if (options.clipboard) {
        await suite.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: suite.base,
        });
      }
      suite.page = await suite.context.newPage();
      collectPageErrors(suite.page, suite.pageErrors);
    },
    options.docker ? 240_000 : 120_000,
  );

  afterAll(
    () => closeWebApp({ ctx: suite.ctx, browser: suite.browser, sessionId: suite.sessionId, tmp }),
    60_000,
  );

  afterEach(() => expect(suite.pageErrors).toEqual([]));

  return suite;
}
