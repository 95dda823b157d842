import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { AvailabilityModule } from './clusters/availability/availability.module.js';
import { CommonModule } from './common/common.module.js';
import type { AppConfigService } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { NodeViewsModule } from './node-views/node-views.module.js';
import { InstructorModule } from './instructor/instructor.module.js';
import { LabsModule } from './labs/labs.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { TerminalModule } from './terminal/terminal.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfigService): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        PrismaModule,
        AuthModule,
        LabsModule,
        AvailabilityModule,
        SessionsModule,
        TerminalModule,
        HealthModule,
        InstructorModule,
        NodeViewsModule,
      ],
    };
  }
}
