import type { Clock } from '../../common/adapters/clock.js';
import type { PreflightReport } from './preflight.types.js';

const PREFLIGHT_TTL_MS = 15_000;

/** Runs a driver's preflight at most once per 15 s; callers in that window share the answer. */
export class CachedPreflight {
  private cached?: { at: number; report: Promise<PreflightReport> };

  constructor(
    private readonly clock: Clock,
    private readonly run: () => Promise<PreflightReport>,
  ) {}

  get(): Promise<PreflightReport> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at > PREFLIGHT_TTL_MS) {
      this.cached = { at: now, report: this.run() };
    }
    return this.cached.report;
  }
}
