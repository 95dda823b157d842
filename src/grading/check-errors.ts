/**
 * The check could not look (probe pod missing, tool missing, exec failed, a lab asks for
 * something impossible). The message is German and never blames the learner; the engine turns
 * it into an `error` result.
 */
export class CannotCheckError extends Error {
  constructor(
    readonly learnerMessage: string,
    readonly detail?: string,
  ) {
    super(detail ? `${learnerMessage} (${detail})` : learnerMessage);
    this.name = 'CannotCheckError';
  }
}
