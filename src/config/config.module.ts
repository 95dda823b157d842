import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfigService } from './app-config.js';
import { parseConfig } from './config.schema.js';

@Global()
@Module({})
export class ConfigModule {
  /** Validates `env` once; the process refuses to start on a bad value. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const service = new AppConfigService(parseConfig(env));
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfigService, useValue: service }],
      exports: [AppConfigService],
    };
  }
}
