import { z } from 'zod';

export const labIdParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ist keine gültige Übungs-ID');
