import { z } from 'zod';
import { slug } from '../../labs/schema/common.schema.js';
import { labIdParam } from '../../labs/dto/lab-id.param.js';

export const startSessionBody = z.strictObject({ labId: labIdParam });
export type StartSessionBody = z.infer<typeof startSessionBody>;

export const updateSessionBody = z.strictObject({ currentStep: slug });
export type UpdateSessionBody = z.infer<typeof updateSessionBody>;

export const checkStepBody = z
  .strictObject({
    answers: z
      .record(slug, z.string().max(500, 'Eine Antwort darf höchstens 500 Zeichen lang sein.'))
      .default({}),
  })
  .default({ answers: {} });
export type CheckStepBody = z.infer<typeof checkStepBody>;

export const sessionIdParam = z.uuid('ist keine gültige Sitzungs-ID');
export const stepIdParam = slug;
