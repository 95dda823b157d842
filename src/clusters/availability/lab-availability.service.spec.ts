import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { AppConfigService } from '../../config/app-config.js';
import { parseConfig } from '../../config/config.schema.js';
import type { Lab } from '../../labs/lab.types.js';
import type { LabsService } from '../../labs/labs.service.js';
import { clusterSchema } from '../../labs/schema/lab.schema.js';
import type { EnvironmentDriver } from '../environment-driver.js';
import { EnvironmentDriversService } from '../environment-drivers.service.js';
import { reportOf, type PreflightItem } from '../preflight/preflight.types.js';
import { LabAvailabilityService } from './lab-availability.service.js';

/** A driver whose preflight answers what the test sets, counting the calls. */
function countingDriver(type: 'kind' | 'container') {
  const driver = {
    type,
    calls: 0,
    items: [{ id: 'docker', label: 'Docker', required: true, ok: true }] as PreflightItem[],
    /** Resolves the pending preflight when the test says so (see `hold`). */
    gate: Promise.resolve(),
    async preflight() {
      driver.calls++;
      await driver.gate;
      return reportOf(driver.items, new Date());
    },
  };
  return driver;
}

const lab = (id: string, environment: 'kind' | 'container') =>
  ({ id, environment, cluster: clusterSchema.parse({}), modes: ['local'] }) as Lab;

describe(LabAvailabilityService.name, () => {
  const labs = [lab('00-linux', 'container'), lab('01-kind', 'kind')];
  let clock: FakeClock;
  let kind: ReturnType<typeof countingDriver>;
  let container: ReturnType<typeof countingDriver>;

  function service(env: Record<string, string> = {}) {
    const drivers = new EnvironmentDriversService([
      kind,
      container,
    ] as unknown as EnvironmentDriver[]);
    const catalog = { list: () => labs } as unknown as LabsService;
    return new LabAvailabilityService(
      drivers,
      catalog,
      new AppConfigService(parseConfig(env)),
      clock,
    );
  }

  afterEach(() => jest.restoreAllMocks());

  beforeEach(() => {
    // A lab that stops being offered is logged as a warning; the tests look at answers.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    clock = new FakeClock();
    kind = countingDriver('kind');
    container = countingDriver('container');
  });

  it('asks each driver once for all labs and page views within a minute', async () => {
    const availability = service();
    await Promise.all([availability.forCatalog(), availability.forCatalog()]);
    await availability.forCatalog();
    clock.advanceMinutes(0.9);
    const answer = await availability.forCatalog();
    expect(answer.get('01-kind')).toEqual({ available: true, reason: null });
    expect([kind.calls, container.calls]).toEqual([1, 1]);
  });

  it('serves the last answer at once after a minute and renews it in the background', async () => {
    const availability = service();
    await availability.forCatalog();
    kind.items = [{ id: 'kind', label: 'kind CLI', required: true, ok: false }];
    let release!: () => void;
    kind.gate = new Promise((resolve) => (release = resolve));
    clock.advanceMinutes(2);

    const stale = await availability.forCatalog();
    expect(stale.get('01-kind')?.available).toBe(true);
    expect(kind.calls).toBe(2);
    release();
    await availability.whenIdle();
    const { byLab } = await availability.current();
    expect(byLab.get('01-kind')).toMatchObject({
      available: false,
      learnerReason: expect.stringMatching(/^Auf diesem Server fehlt kind/),
    });
    expect(byLab.get('00-linux')?.available).toBe(true);
  });

  it('shows the labs of a disabled environment type as not offered, without its preflight', async () => {
    const answer = await service({ KUBELAB_ENVIRONMENTS: 'container' }).forCatalog();
    expect(answer.get('01-kind')).toEqual({
      available: false,
      reason: 'Diese Übung wird auf diesem Server nicht angeboten.',
    });
    expect(answer.get('00-linux')?.available).toBe(true);
    expect(kind.calls).toBe(0);
  });

  it('shows the labs of a driver whose preflight throws as not available, and keeps serving', async () => {
    kind.preflight = () => Promise.reject(new Error('socket hang up'));
    const answer = await service().current();
    expect(answer.byLab.get('01-kind')).toMatchObject({
      available: false,
      learnerReason: expect.stringMatching(/^Für diese Übung kann auf diesem Server gerade keine/),
      blockers: [expect.objectContaining({ problem: 'preflight failed: socket hang up' })],
    });
    expect(answer.byLab.get('00-linux')?.available).toBe(true);
  });

  it('answers provisioning from the driver itself, not from the catalog snapshot', async () => {
    const availability = service();
    await availability.forCatalog();
    container.items = [{ id: 'container-image', label: 'image', required: true, ok: false }];
    expect((await availability.now(labs[0])).available).toBe(false);
    expect((await availability.of(labs[0])).available).toBe(true);
  });
});
