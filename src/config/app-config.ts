import type { AppConfig } from './config.schema.js';

/** Injection token and typed accessor for the validated configuration. */
export class AppConfigService {
  constructor(private readonly values: AppConfig) {}

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.values[key];
  }
}
