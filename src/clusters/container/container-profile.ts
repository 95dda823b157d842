import { createHash } from 'node:crypto';
import type { ContainerSpec } from '../../labs/schema/lab.schema.js';

/** What a container environment is made from: the lab's choices resolved against configuration. */
export interface ContainerSettings {
  image: string;
  memoryMb: number;
  pidsLimit: number;
}

export function containerSettings(
  container: ContainerSpec | undefined,
  defaults: { image: string; memoryMb: number; pidsLimit: number },
): ContainerSettings {
  return {
    image: container?.image ?? defaults.image,
    memoryMb: defaults.memoryMb,
    pidsLimit: defaults.pidsLimit,
  };
}

/**
 * The pool profile of a container environment. `isolation` names how the container is made
 * (container-world.ts), so a pool never hands out an environment made another way.
 */
export function containerProfile(settings: ContainerSettings): string {
  const canonical = {
    environment: 'container',
    image: settings.image,
    isolation: 'user-namespace-world',
    memoryMb: settings.memoryMb,
    pidsLimit: settings.pidsLimit,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
