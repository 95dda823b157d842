/** Typed answers survive a reload of the tab (sessionStorage), not the end of the browser. */
export const answersStore = {
  get(sessionId: string, stepId: string): Record<string, string> {
    try {
      return JSON.parse(sessionStorage.getItem(key(sessionId, stepId)) ?? '{}') as Record<
        string,
        string
      >;
    } catch {
      return {};
    }
  },
  set(sessionId: string, stepId: string, answers: Record<string, string>): void {
    sessionStorage.setItem(key(sessionId, stepId), JSON.stringify(answers));
  },
};

function key(sessionId: string, stepId: string): string {
  return `kubelab.answers.${sessionId}.${stepId}`;
}
