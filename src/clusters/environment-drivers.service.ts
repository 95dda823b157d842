import { Inject, Injectable } from '@nestjs/common';
import {
  ENVIRONMENT_DRIVERS,
  type EnvironmentDriver,
  type EnvironmentSpec,
  type EnvironmentType,
} from './environment-driver.js';

/** Picks the driver for a lab's environment type. */
@Injectable()
export class EnvironmentDriversService {
  constructor(@Inject(ENVIRONMENT_DRIVERS) private readonly drivers: EnvironmentDriver[]) {}

  for(type: EnvironmentType): EnvironmentDriver {
    const driver = this.drivers.find((d) => d.type === type);
    if (!driver) throw new Error(`No cluster driver for environment type ${type}`);
    return driver;
  }

  all(): EnvironmentDriver[] {
    return this.drivers;
  }

  /** The pool profile of a lab's environment, as its driver defines it. */
  profileOf(lab: EnvironmentSpec & { environment: EnvironmentType }): string {
    return this.for(lab.environment).profileOf(lab);
  }
}
