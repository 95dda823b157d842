/**
 * What a learner's browser does in the benchmarks: sign up, start a lab, poll the session until
 * it is `ready`. Returns the time from `POST /api/sessions` to `ready`, the session and the
 * learner's auth header.
 */
export async function sessionUntilReady(
  base: string,
  labId: string,
  pollMs: number,
  name = 'Bench',
): Promise<{ ms: number; id: string; auth: { Authorization: string } }> {
  const learner = await json<{ token: string }>(await post(`${base}/api/learners`, { name }));
  const auth = { Authorization: `Bearer ${learner.token}` };
  const started = performance.now();
  const session = await json<{ id: string; status: string }>(
    await post(`${base}/api/sessions`, { labId }, auth),
  );
  let view: { status: string; message?: string } = session;
  while (view.status !== 'ready') {
    if (['failed', 'unavailable', 'ended'].includes(view.status))
      throw new Error(`session ${view.status}: ${view.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    view = await json(await fetch(`${base}/api/sessions/${session.id}`, { headers: auth }));
  }
  return { ms: performance.now() - started, id: session.id, auth };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
