import type { CheckSpec } from '../labs/schema/check.schema.js';

/** The line shown with a check's result: the lab's title, or for an answer check its question. */
export function checkTitle(check: CheckSpec): string | undefined {
  return check.title ?? (check.kind === 'answer' ? check.prompt : undefined);
}
