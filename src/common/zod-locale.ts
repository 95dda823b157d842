import { z } from 'zod';

/** Zod's built-in messages in German: learners and lab authors read them. */
export function configureGermanMessages(): void {
  z.config(z.locales.de());
}
