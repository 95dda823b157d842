import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './adapters/clock.js';
import { SessionActivity } from './session-activity.js';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, SessionActivity],
  exports: [Clock, SessionActivity],
})
export class CommonModule {}
