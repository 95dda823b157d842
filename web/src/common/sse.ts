import { ApiError, token } from '../api.js';

/**
 * Reads a server-sent event stream with fetch, because EventSource cannot send the bearer
 * header. Calls `onData` with each event's parsed `data`; resolves when the server ends the
 * stream, rejects with ApiError (code NETWORK when the connection broke).
 */
export async function readEvents<T>(
  path: string,
  onData: (data: T) => void,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token.get() ?? ''}` },
      signal,
    });
  } catch (error) {
    if (signal.aborted) return;
    throw networkError(error);
  }
  if (!response.ok || !response.body) {
    const data = (await response.json().catch(() => null)) as {
      message?: string;
      code?: string;
    } | null;
    throw new ApiError(
      data?.message ?? `Der Server hat mit Fehler ${response.status} geantwortet.`,
      response.status,
      data?.code ?? 'UNKNOWN',
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const data = block
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) onData(JSON.parse(data) as T);
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    throw networkError(error);
  }
}

function networkError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('Die Verbindung zum Server ist abgebrochen.', 0, 'NETWORK');
}
