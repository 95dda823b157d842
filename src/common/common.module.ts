import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './adapters/clock.js';
import { DiskLabFiles, LabFiles } from './adapters/lab-files.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { SessionActivity } from './session-activity.js';

@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: LabFiles, useClass: DiskLabFiles },
    SessionActivity,
    RateLimiter,
  ],
  exports: [Clock, LabFiles, SessionActivity, RateLimiter],
})
export class CommonModule {}
