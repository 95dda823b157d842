import type { Lab } from '../../labs/lab.types.js';

/** What the pool keeps of one profile: a lab to make it from, and whether to prove NetworkPolicy. */
export interface PoolProfile {
  lab: Lab;
  proveNetworkPolicy: boolean;
}

/**
 * The pooled profiles of these labs. Labs that share a profile share its clusters; the
 * NetworkPolicy proof is made when any of them teaches NetworkPolicy (the kind config, and so
 * the profile, does not say).
 */
export function poolProfiles(
  labs: Lab[],
  profileOf: (lab: Lab) => string,
): Map<string, PoolProfile> {
  const profiles = new Map<string, PoolProfile>();
  for (const lab of labs) {
    const profile = profileOf(lab);
    const prove = lab.environment === 'kind' && lab.cluster.networkPolicy;
    const known = profiles.get(profile);
    profiles.set(profile, {
      lab: known?.lab ?? lab,
      proveNetworkPolicy: (known?.proveNetworkPolicy ?? false) || prove,
    });
  }
  return profiles;
}
