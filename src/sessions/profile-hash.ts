import { createHash } from 'node:crypto';
import type { Lab } from '../labs/lab.types.js';

/** Environments with the same profile are interchangeable; the warm pool keys on this. */
export function profileHash(lab: Lab): string {
  const profile =
    lab.environment === 'container' ? { container: lab.container ?? {} } : { cluster: lab.cluster };
  return createHash('sha256')
    .update(JSON.stringify({ environment: lab.environment, ...profile }))
    .digest('hex');
}
