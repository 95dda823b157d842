/** Thin fetch wrapper: bearer token from localStorage, German error messages from the server. */
const TOKEN_KEY = 'kubelab.token';

export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  duration: number;
  level: string;
  stepCount: number;
}

export interface SessionView {
  id: string;
  labId: string;
  status: string;
  message: string | null;
  progress: { passed: number; total: number };
}

export class ApiError extends Error {}

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (value: string) => localStorage.setItem(TOKEN_KEY, value),
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const current = token.get();
  if (current) headers.Authorization = `Bearer ${current}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      'Keine Verbindung zum Server. Bitte prüfe deine Verbindung und versuche es erneut.',
    );
  }
  const data = (await response.json().catch(() => null)) as { message?: string } | null;
  if (!response.ok) throw new ApiError(data?.message ?? `Fehler ${response.status}`);
  return data as T;
}
