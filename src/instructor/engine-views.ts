import type { EngineStatus } from '../clusters/engines/engine-health.js';
import { ALIVE } from '../clusters/environments.repository.js';
import type { EngineView } from '../contract/instructor.views.js';
import type { CapacityRecord } from './instructor.types.js';

/** Each configured engine with its health and what lives on it. */
export function engineViews(
  statuses: EngineStatus[],
  byEngine: CapacityRecord['byEngine'],
): EngineView[] {
  return statuses.map(({ engine, state, since, lastCheckAt, lastError }) => {
    const rows = byEngine.filter((row) => row.dockerEndpoint === engine.endpoint);
    const count = (keep: (status: string) => boolean) =>
      rows.filter((row) => keep(row.status)).reduce((sum, row) => sum + row.count, 0);
    const environments = count((status) => (ALIVE as string[]).includes(status));
    return {
      name: engine.name,
      state,
      since: since.toISOString(),
      lastCheckAt: lastCheckAt?.toISOString() ?? null,
      lastError: lastError ?? null,
      capacity: engine.capacity,
      environments,
      pooled: count((status) => status === 'ready'),
      free: state === 'up' ? Math.max(0, engine.capacity - environments) : 0,
      lost: count((status) => status === 'lost'),
    };
  });
}
