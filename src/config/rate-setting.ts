import { z } from 'zod';

/** So many events at once, refilled evenly over `perSeconds`: `60/h` is 60 at once, then one a minute. */
export interface Rate {
  count: number;
  perSeconds: number;
}

const UNIT_SECONDS = { s: 1, min: 60, h: 3600 } as const;

/** A configuration value of the form `<count>/<s|min|h>`, e.g. `30/min`. */
export const rateSetting = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,5}\/(s|min|h)$/, 'must look like 30/min (units: s, min, h)')
    .default(fallback)
    .transform((value): Rate => {
      const [count, unit] = value.split('/') as [string, keyof typeof UNIT_SECONDS];
      return { count: Number(count), perSeconds: UNIT_SECONDS[unit] };
    });
