import { Clock } from '../../src/common/adapters/clock.js';
import { FakeClock } from './fake-clock.js';
import { FakeEnvironmentDriver } from './fake-environment-driver.js';
import { createTestApp, type TestAppOptions, type TestContext } from './test-app.js';

/**
 * One test app for the `describe` block it is called in: started in its `beforeAll`, closed in
 * its `afterAll`. The context it returns answers from that app once it runs, so the block's tests
 * and hooks use it as they would the result of `createTestApp`.
 */
export function testAppForSuite(options: TestAppOptions = {}): TestContext {
  let started: TestContext | undefined;
  beforeAll(async () => {
    started = await createTestApp(options);
  });
  afterAll(() => started?.close());
  return new Proxy({} as TestContext, {
    get(_, key: keyof TestContext) {
      if (!started)
        throw new Error('The suite’s test app starts in beforeAll: use it in a test or hook.');
      return started[key];
    },
  });
}

/** testAppForSuite with a stand-in cluster driver and a fake clock; `env` adds settings. */
export function standInAppForSuite(env: Record<string, string> = {}): {
  ctx: TestContext;
  driver: FakeEnvironmentDriver;
  clock: FakeClock;
} {
  const driver = new FakeEnvironmentDriver();
  const clock = new FakeClock();
  const ctx = testAppForSuite({
    drivers: [driver],
    overrides: [{ provide: Clock, useValue: clock }],
    env,
  });
  return { ctx, driver, clock };
}
