import { z } from 'zod';

export const createLearnerBody = z.strictObject({
  name: z
    .string({ error: 'Bitte gib einen Namen an.' })
    .trim()
    .min(1, 'Bitte gib einen Namen an.')
    .max(60, 'Der Name darf höchstens 60 Zeichen lang sein.')
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'Der Name darf keine Steuerzeichen enthalten.'),
});

export type CreateLearnerBody = z.infer<typeof createLearnerBody>;
