import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './adapters/clock.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { SessionActivity } from './session-activity.js';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, SessionActivity, RateLimiter],
  exports: [Clock, SessionActivity, RateLimiter],
})
export class CommonModule {}
