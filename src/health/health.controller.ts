import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../common/principal.js';
import { Public } from '../common/decorators/public.decorator.js';
import { HealthService, type Readiness } from './health.service.js';

@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Anyone may ask whether the server is ready; only the instructor (bearer token) sees why:
   * database, labs and each driver's preflight, which name paths, endpoints and host figures.
   */
  @Get('readyz')
  async readyz(
    @CurrentPrincipal() principal: Principal | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Readiness | { ready: boolean }> {
    const detailed = principal?.role === 'instructor';
    const readiness = detailed ? await this.health.readiness() : await this.health.isReady();
    response.status(readiness.ready ? 200 : 503);
    return detailed ? readiness : { ready: readiness.ready };
  }
}
