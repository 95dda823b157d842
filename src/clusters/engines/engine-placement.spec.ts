import { jest } from '@jest/globals';
import { FakeEnvironmentDriver } from '../../../test/support/fake-environment-driver.js';
import { SystemClock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import { parseConfig } from '../../config/config.schema.js';
import { EnvironmentDriversService } from '../environment-drivers.service.js';
import type { EnvironmentsRepository } from '../environments.repository.js';
import { EngineHealth } from './engine-health.js';
import { EnginePlacement } from './engine-placement.js';

const A = 'tcp://10.0.0.1:2376';
const B = 'tcp://10.0.0.2:2376';
const C = 'tcp://10.0.0.3:2376';

function placementWith(alive: Record<string, number>, options: { lost?: string[] } = {}) {
  const config = new AppConfigService(
    parseConfig({
      KUBELAB_DOCKER_HOSTS: `a=${A}?capacity=4 b=${B}?capacity=6 c=${C}?memory=8g`,
    }),
  );
  const health = new EngineHealth(config, new SystemClock());
  const lost = new Set(options.lost ?? []);
  jest
    .spyOn(health, 'up')
    .mockImplementation(() =>
      config.get('KUBELAB_DOCKER_HOSTS').filter((e) => !lost.has(e.endpoint)),
    );
  const driver = new FakeEnvironmentDriver();
  const clusters = {
    countAliveByEngine: () => Promise.resolve(new Map(Object.entries(alive))),
    countAlive: (on?: string[]) =>
      Promise.resolve(
        Object.entries(alive)
          .filter(([endpoint]) => !on || on.includes(endpoint))
          .reduce((sum, [, n]) => sum + n, 0),
      ),
  } as unknown as EnvironmentsRepository;
  const placement = new EnginePlacement(health, new EnvironmentDriversService([driver]), clusters);
  return { placement, driver };
}

describe(EnginePlacement.name, () => {
  it('chooses the engine with the most free room (memory=8g holds 4 of 2048 MiB)', async () => {
    const { placement } = placementWith({ [A]: 1, [B]: 2, [C]: 0 });
    // free: a 3, b 4, c 4 → b, named before c.
    expect((await placement.choose('kind'))?.name).toBe('b');
    expect(await placement.rooms()).toEqual([
      expect.objectContaining({ alive: 1, free: 3 }),
      expect.objectContaining({ alive: 2, free: 4 }),
      expect.objectContaining({ alive: 0, free: 4 }),
    ]);
  });

  it('skips an engine whose preflight fails for the driver', async () => {
    const { placement, driver } = placementWith({ [A]: 0, [B]: 5, [C]: 4 });
    jest
      .spyOn(driver, 'preflight')
      .mockImplementation((endpoint?: string) =>
        Promise.resolve({ ok: endpoint !== A, checkedAt: '', items: [] }),
      );
    expect((await placement.choose('kind'))?.name).toBe('b');
  });

  it('leaves lost engines out of the choice and of the limit', async () => {
    const { placement } = placementWith({ [A]: 0, [B]: 1, [C]: 4 }, { lost: [A] });
    expect((await placement.choose('kind'))?.name).toBe('b');
    expect(placement.limit()).toBe(10);
    expect(await placement.occupied()).toBe(5);
  });

  it('is null when every answering engine is full', async () => {
    const { placement } = placementWith({ [A]: 4, [B]: 6, [C]: 9 });
    expect(await placement.choose('kind')).toBeNull();
    expect(placement.limit()).toBe(14);
  });
});
