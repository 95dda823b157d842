import { Global, Module } from '@nestjs/common';
import { CatalogAvailability } from '../../labs/catalog-availability.js';
import { LabsModule } from '../../labs/labs.module.js';
import { ClustersModule } from '../clusters.module.js';
import { LabAvailabilityService } from './lab-availability.service.js';

/**
 * Global, so that the catalog's controller (labs/, a floor below clusters/) gets the answer
 * through its own `CatalogAvailability` without importing clusters/.
 */
@Global()
@Module({
  imports: [LabsModule, ClustersModule],
  providers: [
    LabAvailabilityService,
    { provide: CatalogAvailability, useExisting: LabAvailabilityService },
  ],
  exports: [LabAvailabilityService, CatalogAvailability],
})
export class AvailabilityModule {}
