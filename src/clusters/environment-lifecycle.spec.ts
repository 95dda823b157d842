import { FakeEnvironmentDriver } from '../../test/support/fake-environment-driver.js';
import { AppConfigService } from '../config/app-config.js';
import { parseConfig } from '../config/config.schema.js';
import { clusterSchema } from '../labs/schema/lab.schema.js';
import { SystemClock } from '../common/adapters/clock.js';
import { EngineHealth } from './engines/engine-health.js';
import { EnginePlacement } from './engines/engine-placement.js';
import { EnvironmentDriversService } from './environment-drivers.service.js';
import { EnvironmentSlots } from './environment-slots.js';
import type {
  EnvironmentRecord,
  EnvironmentStatus,
  EnvironmentsRepository,
} from './environments.repository.js';
import { CreationQueue } from './creation-queue.js';
import { EnvironmentLifecycle, type WantedEnvironment } from './environment-lifecycle.js';

/** Cluster rows in memory: what the lifecycle writes is what the test reads. */
function rowsInMemory() {
  const rows = new Map<string, EnvironmentRecord>();
  const repository = {
    create: (input: Omit<EnvironmentRecord, 'error'>) => {
      const row = { ...input, error: null };
      rows.set(row.id, row);
      return Promise.resolve({ ...row });
    },
    setStatus: (id: string, status: EnvironmentStatus, error?: string) => {
      rows.set(id, { ...rows.get(id)!, status, error: error ?? rows.get(id)!.error });
      return Promise.resolve();
    },
    findById: (id: string) => Promise.resolve(rows.get(id) ?? null),
    countAliveByEngine: () => Promise.resolve(new Map()),
  } as unknown as EnvironmentsRepository;
  const alive = () =>
    [...rows.values()].filter((r) =>
      ['creating', 'pooling', 'ready', 'assigned'].includes(r.status),
    ).length;
  return { rows, repository, alive };
}

function lifecycleWith(limit = 1) {
  const driver = new FakeEnvironmentDriver();
  const db = rowsInMemory();
  const slots = new EnvironmentSlots(limit, () => Promise.resolve(db.alive()));
  const drivers = new EnvironmentDriversService([driver]);
  const health = new EngineHealth(new AppConfigService(parseConfig({})), new SystemClock());
  const lifecycle = new EnvironmentLifecycle(
    drivers,
    db.repository,
    slots,
    new CreationQueue(2),
    health,
    new EnginePlacement(health, drivers, db.repository),
  );
  return { driver, db, lifecycle };
}

const wanted: WantedEnvironment = {
  environment: 'kind',
  cluster: clusterSchema.parse({}),
};

/** The room booked for a session that still wants it at its turn and follows no positions. */
async function booked(lifecycle: EnvironmentLifecycle, queueId: string) {
  return (await lifecycle.book(
    queueId,
    wanted,
    () => Promise.resolve(true),
    () => {},
  ))!;
}

describe(EnvironmentLifecycle.name, () => {
  it('retries a failed creation, destroying what the failed attempt left', async () => {
    const { driver, db, lifecycle } = lifecycleWith();
    driver.failCreates = 1;
    const cluster = await booked(lifecycle, 's1');
    const handle = await lifecycle.create(cluster, wanted, { queueId: 's1', attempts: 2 });
    expect(handle).not.toBeNull();
    expect(driver.destroyed).toEqual([cluster.name]);
    await lifecycle.assign(cluster);
    expect(db.rows.get(cluster.id)?.status).toBe('assigned');
  });

  it('after the last failed attempt marks the row failed and gives the room to who waits', async () => {
    const { driver, db, lifecycle } = lifecycleWith(1);
    driver.failCreates = 2;
    const first = await booked(lifecycle, 's1');
    const heard: number[] = [];
    const second = lifecycle.book(
      's2',
      wanted,
      () => Promise.resolve(true),
      (p) => heard.push(p),
    );
    await expect(lifecycle.create(first, wanted, { queueId: 's1', attempts: 2 })).rejects.toThrow();
    expect(db.rows.get(first.id)).toMatchObject({ status: 'failed' });
    expect(await second).toMatchObject({ status: 'creating' });
    expect(heard).toEqual([1]);
  });

  it('gives the booked room back when the owner no longer wants it at its turn', async () => {
    const { driver, db, lifecycle } = lifecycleWith();
    const cluster = await booked(lifecycle, 's1');
    const handle = await lifecycle.create(cluster, wanted, {
      queueId: 's1',
      attempts: 2,
      begin: () => Promise.resolve(false),
    });
    expect(handle).toBeNull();
    expect(driver.created).toEqual([]);
    expect(db.rows.get(cluster.id)?.status).toBe('deleted');
  });

  it('releases once when released twice at once, and frees the room', async () => {
    const { driver, db, lifecycle } = lifecycleWith();
    const cluster = await booked(lifecycle, 's1');
    await lifecycle.create(cluster, wanted, { queueId: 's1', attempts: 1 });
    await Promise.all([lifecycle.release(cluster.id), lifecycle.release(cluster.id)]);
    expect(driver.destroyed).toEqual([cluster.name]);
    expect(db.rows.get(cluster.id)?.status).toBe('deleted');
    expect(db.alive()).toBe(0);
  });
});
