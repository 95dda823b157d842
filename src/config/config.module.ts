import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfigService } from './app-config.js';

@Global()
@Module({})
export class ConfigModule {
  /** Provides the configuration its entry point validated (`AppConfigService.fromEnv`). */
  static forRoot(config: AppConfigService): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfigService, useValue: config }],
      exports: [AppConfigService],
    };
  }
}
