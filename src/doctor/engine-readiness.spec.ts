import type { DockerEngine } from '../clusters/engines/docker-engines.js';
import type { PreflightItem, PreflightReport } from '../clusters/preflight/preflight.types.js';
import { clusterSchema } from '../labs/schema/lab.schema.js';
import { engineItems, labOnEngines, readiness, type EngineReports } from './engine-readiness.js';

const engine = (name: string): DockerEngine => ({
  name,
  endpoint: `tcp://${name}.example:2376`,
  capacity: 4,
  address: `${name}.example`,
});
const item = (id: string, ok: boolean, required = true): PreflightItem => ({
  id,
  label: id,
  ok,
  required,
});
const report = (...items: PreflightItem[]): PreflightReport => ({
  ok: items.every((i) => i.ok || !i.required),
  checkedAt: '2026-11-30T23:00:00.000Z',
  items,
});
const DOCKER = item('docker', true);

/** Engine a has everything; b lacks the kind node image; c does not answer. */
const a: EngineReports = {
  engine: engine('a'),
  reports: {
    kind: report(DOCKER, item('kind-node-image', true)),
    container: report(DOCKER, item('container-image', true)),
  },
};
const b: EngineReports = {
  engine: engine('b'),
  reports: {
    kind: report(DOCKER, item('kind-node-image', false)),
    container: report(DOCKER, item('container-image', true)),
  },
};
const c: EngineReports = {
  engine: engine('c'),
  reports: { kind: report(item('docker', false)), container: report(item('docker', false)) },
};

describe(readiness.name, () => {
  it('is ready while some engine has what each enabled type requires, and warns about the others', () => {
    expect(readiness([a, b, c], ['kind', 'container'])).toEqual({
      ready: true,
      gaps: [],
      warnings: [
        'kind: b lacks kind-node-image; c lacks docker; its environments go to a',
        'container: c lacks docker; its environments go to a, b',
      ],
    });
  });

  it('is not ready when no engine has all a type requires, and says which engine lacks what', () => {
    expect(readiness([b, c], ['kind', 'container'])).toEqual({
      ready: false,
      gaps: ['kind: no engine has all it needs (b lacks kind-node-image; c lacks docker)'],
      warnings: ['container: c lacks docker; its environments go to b'],
    });
  });

  it('asks only about enabled types', () => {
    expect(readiness([b], ['container']).ready).toBe(true);
  });
});

describe(labOnEngines.name, () => {
  const kindLab = {
    environment: 'kind' as const,
    cluster: clusterSchema.parse({}),
    modes: ['local' as const, 'shared' as const],
  };

  it('runs a lab when some engine can hold it, and names those engines', () => {
    expect(labOnEngines(kindLab, [a, b], 'local')).toEqual({
      available: true,
      engines: ['a'],
      blockers: 'b: kind-node-image',
    });
  });

  it('refuses a lab no engine can hold, with each engine’s blockers', () => {
    expect(labOnEngines(kindLab, [b, c], 'local')).toEqual({
      available: false,
      engines: [],
      blockers: 'b: kind-node-image; c: docker',
    });
  });

  it('says a blocker every engine shares once', () => {
    const localOnly = { ...kindLab, modes: ['local' as const] };
    const d = { ...a, engine: engine('d') };
    expect(labOnEngines(localOnly, [a, d], 'shared')).toEqual({
      available: false,
      engines: [],
      blockers: 'lab modes local',
    });
  });
});

describe(engineItems.name, () => {
  it('lists the items of both drivers on one engine, Docker once', () => {
    expect(engineItems(b).map((i) => i.id)).toEqual([
      'docker',
      'kind-node-image',
      'container-image',
    ]);
  });
});
