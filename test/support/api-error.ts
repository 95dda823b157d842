/** The body of every API error, as the global filter writes it: what a test expects to read. */
export function apiError(statusCode: number, code: string, message: unknown) {
  return { statusCode, code, message };
}
