import { Inject, Injectable } from '@nestjs/common';
import {
  CLUSTER_DRIVERS,
  type ClusterDriver,
  type EnvironmentSpec,
  type EnvironmentType,
} from './cluster-driver.js';

/** Picks the driver for a lab's environment type. */
@Injectable()
export class ClusterDriversService {
  constructor(@Inject(CLUSTER_DRIVERS) private readonly drivers: ClusterDriver[]) {}

  for(type: EnvironmentType): ClusterDriver {
    const driver = this.drivers.find((d) => d.type === type);
    if (!driver) throw new Error(`No cluster driver for environment type ${type}`);
    return driver;
  }

  all(): ClusterDriver[] {
    return this.drivers;
  }

  /** The pool profile of a lab's environment, as its driver defines it. */
  profileOf(lab: EnvironmentSpec & { environment: EnvironmentType }): string {
    return this.for(lab.environment).profileOf(lab);
  }
}
