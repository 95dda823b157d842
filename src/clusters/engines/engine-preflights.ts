import type { Clock } from '../../common/adapters/clock.js';
import { CachedPreflight } from '../preflight/cached-preflight.js';
import type { PreflightReport } from '../preflight/preflight.types.js';
import type { DockerEngines } from './docker-engines.js';

/**
 * A driver's preflight per engine, each cached like one. Without an engine: the report of the
 * first engine (in configuration order) that has all it needs, else the first engine's, so a
 * lab is offered while any engine can hold it.
 */
export class EnginePreflights {
  private readonly cached = new Map<string, CachedPreflight>();

  constructor(
    private readonly clock: Clock,
    private readonly engines: DockerEngines,
    private readonly run: (endpoint: string) => Promise<PreflightReport>,
  ) {}

  async get(endpoint?: string): Promise<PreflightReport> {
    if (endpoint !== undefined) return this.of(endpoint);
    const reports = await Promise.all(this.engines.all().map((e) => this.of(e.endpoint)));
    return reports.find((report) => report.ok) ?? reports[0];
  }

  private of(endpoint: string): Promise<PreflightReport> {
    let cached = this.cached.get(endpoint);
    if (!cached) {
      cached = new CachedPreflight(this.clock, () => this.run(endpoint));
      this.cached.set(endpoint, cached);
    }
    return cached.get();
  }
}
