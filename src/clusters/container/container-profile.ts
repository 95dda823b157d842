import { createHash } from 'node:crypto';
import { CONTAINER_CAPABILITIES, type ContainerSpec } from '../../labs/schema/lab.schema.js';

/** What a container environment is made from: the lab's choices resolved against configuration. */
export interface ContainerSettings {
  image: string;
  capabilities: string[];
  memoryMb: number;
  pidsLimit: number;
}

export function containerSettings(
  container: ContainerSpec | undefined,
  defaults: { image: string; memoryMb: number; pidsLimit: number },
): ContainerSettings {
  return {
    image: container?.image ?? defaults.image,
    capabilities: container?.capabilities ?? [...CONTAINER_CAPABILITIES],
    memoryMb: defaults.memoryMb,
    pidsLimit: defaults.pidsLimit,
  };
}

/** The pool profile of a container environment; the order of capabilities does not matter. */
export function containerProfile(settings: ContainerSettings): string {
  const canonical = {
    environment: 'container',
    image: settings.image,
    capabilities: [...new Set(settings.capabilities)].sort(),
    memoryMb: settings.memoryMb,
    pidsLimit: settings.pidsLimit,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
