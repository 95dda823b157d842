import { parseConfig, type AppConfig } from './config.schema.js';

/** Injection token and typed accessor for the validated configuration. */
export class AppConfigService {
  constructor(private readonly values: AppConfig) {}

  /**
   * The one place the environment is read and validated; every entry point (server, CLIs,
   * benches, tests) calls it once and hands the result on. Throws on a bad value.
   */
  static fromEnv(env: Record<string, string | undefined>): AppConfigService {
    return new AppConfigService(parseConfig(env));
  }

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.values[key];
  }
}
