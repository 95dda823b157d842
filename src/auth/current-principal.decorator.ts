import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../common/principal.js';

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
