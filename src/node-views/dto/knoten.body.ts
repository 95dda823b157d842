import { z } from 'zod';

const word = z
  .string()
  .max(256, 'Ein Wort des Befehls ist zu lang.')
  .regex(/^[^\p{Cc}]*$/u, 'Der Befehl enthält Steuerzeichen.');

/** `arg=<word>` repeated, form-encoded (what curl's --data-urlencode sends); one word is a string. */
export const knotenBody = z.strictObject({
  arg: z
    .union([word, z.array(word).max(32, 'Der Befehl hat zu viele Wörter.')])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});

export type KnotenBody = z.infer<typeof knotenBody>;
