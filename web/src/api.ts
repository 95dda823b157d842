/** Thin fetch wrapper: bearer token from localStorage, German error messages from the server. */
import { connection } from './common/connection.js';

const TOKEN_KEY = 'kubelab.token';
const INSTRUCTOR_TOKEN_KEY = 'kubelab.instructorToken';

/** An error a learner can read: the server's German message, or ours when it could not answer. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function stored(key: string) {
  return {
    get: () => localStorage.getItem(key),
    set: (value: string) => localStorage.setItem(key, value),
    clear: () => localStorage.removeItem(key),
  };
}

export const token = stored(TOKEN_KEY);
export const instructorToken = stored(INSTRUCTOR_TOKEN_KEY);

export const OFFLINE_MESSAGE =
  'Keine Verbindung zum Server. Sobald sie wieder steht, geht es weiter.';

/** Sends a request with `bearer` (default: the learner's token). */
export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; bearer?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = options.bearer === undefined ? token.get() : options.bearer;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    connection.lost();
    throw new ApiError(OFFLINE_MESSAGE, 0, 'NETWORK');
  }
  connection.ok();
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as {
    message?: string;
    code?: string;
  } | null;
  if (!response.ok) {
    throw new ApiError(
      data?.message ?? `Der Server hat mit Fehler ${response.status} geantwortet.`,
      response.status,
      data?.code ?? 'UNKNOWN',
    );
  }
  return data as T;
}

/** The learner's API calls. */
export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, { body });
}

/** German text for any error, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Etwas ist schiefgegangen. Bitte lade die Seite neu.';
}
