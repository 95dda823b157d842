import WebSocket from 'ws';

/**
 * One learner of a container lab: signs up, starts a session and waits for the first prompt in
 * its terminal; the time from `POST /api/sessions` to that prompt, and the environment's name.
 */
export async function timeToTerminal(
  base: string,
  labId: string,
): Promise<{ ms: number; name: string; sessionId: string; token: string }> {
  const learner = (await post(`${base}/api/learners`, { name: 'Bench' })) as { token: string };
  const auth = { Authorization: `Bearer ${learner.token}` };
  const started = performance.now();
  const session = (await post(`${base}/api/sessions`, { labId }, auth)) as { id: string };
  let view: { status: string; cluster: { name: string } | null };
  do {
    await new Promise((resolve) => setTimeout(resolve, 10));
    view = (await (
      await fetch(`${base}/api/sessions/${session.id}`, { headers: auth })
    ).json()) as typeof view;
    if (['failed', 'unavailable'].includes(view.status)) throw new Error(`session ${view.status}`);
  } while (view.status !== 'ready');
  await firstPrompt(base, learner.token, session.id);
  return {
    ms: performance.now() - started,
    name: view.cluster!.name,
    sessionId: session.id,
    token: learner.token,
  };
}

function firstPrompt(base: string, token: string, sessionId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws/terminal`, { origin: base });
    let text = '';
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, sessionId })));
    socket.on('message', (data: Buffer, binary) => {
      if (!binary) return;
      text += data.toString('utf8');
      if (/ # $/.test(text)) {
        socket.close();
        resolve();
      }
    });
    socket.on('error', reject);
    setTimeout(() => reject(new Error('no prompt within 30 s')), 30_000).unref();
  });
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return response.json();
}
