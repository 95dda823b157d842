import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { RequestError } from '../errors/request-error.js';

/** Validates a request part against a zod schema; a mismatch is a 400 with the fields named. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const details = result.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    }));
    const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    throw new RequestError(
      'VALIDATION_FAILED',
      `Einige Angaben sind ungültig – ${summary}`,
      details,
    );
  }
}
