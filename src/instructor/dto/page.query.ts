import { z } from 'zod';

/** `?limit=&before=`: how many items, and the `next` cursor of the page before (older items). */
export const pageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int('muss eine ganze Zahl sein')
    .min(1, 'muss mindestens 1 sein')
    .max(200, 'darf höchstens 200 sein')
    .optional(),
  before: z
    .string()
    .max(80)
    .regex(/^\d{1,15}-(\d{1,9}-)?[0-9a-f-]{36}$/, 'ist kein gültiger Verweis auf eine Seite')
    .optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;
