import type { LabAvailabilityView } from '../contract/lab.views.js';

/**
 * Whether each lab can run on this server, as the catalog shows it. The answer needs the
 * drivers' preflight, which lives a floor above the catalog: clusters/availability provides it.
 */
export abstract class CatalogAvailability {
  /** By lab id; a lab missing from the map is shown as available (starting it re-checks). */
  abstract forCatalog(): Promise<ReadonlyMap<string, LabAvailabilityView>>;
}
