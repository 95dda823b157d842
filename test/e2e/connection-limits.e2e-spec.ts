import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { EnvironmentHandle, ShellStream } from '../../src/clusters/environment-handle.js';
import type { ConnectionLimits } from '../../src/common/connection-limits.js';
import { STREAM_LIMITS } from '../../src/sessions/stream-limits.provider.js';
import {
  PENDING_SOCKET_LIMITS,
  TERMINAL_SOCKET_LIMITS,
} from '../../src/terminal/terminal-socket-limits.provider.js';
import { TerminalsService } from '../../src/terminal/terminals.service.js';
import { apiError } from '../support/api-error.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { SseClient } from '../support/sse-client.js';
import {
  createTestApp,
  type TestContext,
  type TestLearner as Learner,
} from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { TerminalTestClient } from '../support/ws-client.js';

/** A shell that prints nothing and ends when closed. */
function quietShell(): ShellStream {
  let exit!: (code: number) => void;
  const stream = new Duplex({ read: () => undefined, write: (_c, _e, done) => done() });
  return {
    stream,
    resize: () => Promise.resolve(),
    exited: new Promise((resolve) => (exit = resolve)),
    close: () => Promise.resolve(exit(0)),
  };
}

/** The stand-in driver, with one node and shells that stay open. */
class ShellDriver extends FakeEnvironmentDriver {
  override async handle(name: string): Promise<EnvironmentHandle> {
    const base = await super.handle(name);
    return {
      ...base,
      nodes: () =>
        Promise.resolve([
          { name: `${name}-control-plane`, role: 'control-plane', containerId: name },
        ]),
      openShell: () => Promise.resolve(quietShell()),
    };
  }
}

/**
 * Long-lived connections are capped per learner and in total (KUBELAB_MAX_STREAMS*,
 * KUBELAB_MAX_SOCKETS*), and a request that does not arrive in time gets the JSON error
 * shape. Small limits here; the stand-in driver, no Docker.
 */
describe('Connection limits (e2e, stand-in driver)', () => {
  let ctx: TestContext;
  let driver: ShellDriver;
  let base: string;
  let port: number;
  const open: { close(): void }[] = [];

  beforeAll(async () => {
    driver = new ShellDriver();
    ctx = await createTestApp({
      drivers: [driver],
      env: {
        KUBELAB_MAX_STREAMS: '3',
        KUBELAB_MAX_STREAMS_PER_LEARNER: '2',
        KUBELAB_MAX_SOCKETS: '3',
        KUBELAB_MAX_SOCKETS_PER_LEARNER: '2',
        KUBELAB_MAX_PENDING_SOCKETS_PER_ADDRESS: '2',
        KUBELAB_REQUEST_TIMEOUT_SECONDS: '0.5',
      },
    });
    await ctx.app.listen(0, '127.0.0.1');
    port = (ctx.app.getHttpServer().address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterEach(async () => {
    for (const connection of open.splice(0)) connection.close();
    await ctx.app.get(TerminalsService).closeAll();
  });
  afterAll(() => ctx.close());

  const streams = () => ctx.app.get<ConnectionLimits>(STREAM_LIMITS);
  const sockets = () => ctx.app.get<ConnectionLimits>(TERMINAL_SOCKET_LIMITS);
  const pending = () => ctx.app.get<ConnectionLimits>(PENDING_SOCKET_LIMITS);

  /** A session whose environment is still being made: its progress stream stays open. */
  async function waitingSession(learner: Learner): Promise<string> {
    return (await ctx.startSession(learner)).id;
  }

  async function follow(learner: Learner, id: string): Promise<SseClient> {
    const client = await SseClient.open(`${base}/api/sessions/${id}/events`, learner.auth);
    open.push(client);
    return client;
  }

  async function refusedStream(learner: Learner, id: string) {
    const response = await fetch(`${base}/api/sessions/${id}/events`, { headers: learner.auth });
    return { status: response.status, body: await response.json() };
  }

  /** The answer refusedStream expects: the status and the API's error body. */
  const refused = (status: number, code: string, text: string) => ({
    status,
    body: apiError(status, code, expect.stringContaining(text)),
  });

  it('caps open event streams per learner and in total, in German, and frees a closed one', async () => {
    const release = driver.hold();
    try {
      const lea = await ctx.newLearner('Lea');
      const tom = await ctx.newLearner('Tom');
      const leas = await waitingSession(lea);
      const toms = await waitingSession(tom);
      const first = await follow(lea, leas);
      await follow(lea, leas);
      expect(await refusedStream(lea, leas)).toEqual(
        refused(429, 'TOO_MANY_CONNECTIONS', 'zu viele offene Verbindungen'),
      );
      await follow(tom, toms);
      expect(await refusedStream(tom, toms)).toEqual(
        refused(503, 'SERVER_BUSY', 'Server hat gerade zu viele offene Verbindungen'),
      );

      first.close();
      await waitFor(() => streams().count(lea.id) === 1, 'the closed stream to be freed');
      await follow(lea, leas);
    } finally {
      release();
    }
  });

  it('ends the background check stream at once for a lab without autoCheck', async () => {
    const lea = await ctx.newLearner('Lea');
    const session = await ctx.newSession(lea);
    const response = await fetch(`${base}/api/sessions/${session.id}/auto-check`, {
      headers: lea.auth,
    });
    expect(response.status).toBe(200);
    expect((await response.text()).trim()).toBe('');
    expect(streams().count(lea.id)).toBe(0);
  });

  async function terminal(learner: Learner, sessionId: string) {
    const client = await TerminalTestClient.connect(`${base.replace('http', 'ws')}/ws/terminal`);
    open.push(client);
    client.hello({ token: learner.token, sessionId });
    return client;
  }

  it('caps terminal sockets per learner and in total, with a German close reason', async () => {
    const lea = await ctx.newLearner('Lea');
    const tom = await ctx.newLearner('Tom');
    const leas = (await ctx.newSession(lea)).id;
    const toms = (await ctx.newSession(tom)).id;
    const first = await terminal(lea, leas);
    await first.waitForControl('ready');
    await (await terminal(lea, leas)).waitForControl('ready');

    const third = await terminal(lea, leas);
    const refused = await third.closed;
    expect(refused.code).toBe(4429);
    expect(refused.reason).toContain('zu viele Terminal-Verbindungen');
    expect(third.controls).toEqual([
      { type: 'error', code: 'TOO_MANY_CONNECTIONS', message: expect.any(String) },
    ]);

    await (await terminal(tom, toms)).waitForControl('ready');
    const busy = await TerminalTestClient.connect(`${base.replace('http', 'ws')}/ws/terminal`);
    open.push(busy);
    const closed = await busy.closed;
    expect(closed.code).toBe(4503);
    expect(closed.reason).toContain('zu viele Terminals offen');

    first.close();
    await waitFor(() => sockets().count(lea.id) === 1, 'the closed socket to be freed');
    await (await terminal(lea, leas)).waitForControl('ready');
  });

  it('caps sockets that have not said hello per client address, so silent sockets cannot fill the total', async () => {
    const url = `${base.replace('http', 'ws')}/ws/terminal`;
    const silent = async () => {
      const client = await TerminalTestClient.connect(url);
      open.push(client);
      return client;
    };
    const first = await silent();
    await silent();
    await waitFor(() => pending().count() === 2, 'two silent sockets to be counted');

    const third = await silent();
    const refused = await third.closed;
    expect(refused.code).toBe(4429);
    expect(third.controls).toEqual([
      { type: 'error', code: 'TOO_MANY_PENDING', message: expect.any(String) },
    ]);
    // The refused socket took no place in the total.
    expect(sockets().count()).toBe(2);

    first.close();
    await waitFor(() => pending().count() === 1, 'the closed socket to be freed');
    const fourth = await silent();
    await waitFor(() => pending().count() === 2, 'a new silent socket to be accepted');
    expect(fourth.controls).toEqual([]);
  });

  /** Sends `text` on a raw connection and returns all the server answers until it closes. */
  async function raw(text: string): Promise<string> {
    const socket = net.connect(port, '127.0.0.1');
    open.push({ close: () => socket.destroy() });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.write(text);
    await new Promise((resolve) => socket.on('close', resolve));
    return answer;
  }

  function jsonOf(answer: string): unknown {
    return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
  }

  it('answers a request that arrives too slowly with the JSON error shape, not a bare 408', async () => {
    const answer = await raw('GET /healthz HTTP/1.1\r\nHost: kubelab\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('Content-Type: application/json');
    expect(jsonOf(answer)).toEqual({
      statusCode: 408,
      code: 'REQUEST_TIMEOUT',
      message: 'Die Anfrage kam zu langsam oder unvollständig an. Bitte versuche es noch einmal.',
    });
  });

  it('answers a connection that sends nothing, and one that sends no HTTP, in the same shape', async () => {
    expect(jsonOf(await raw(''))).toMatchObject({ statusCode: 408, code: 'REQUEST_TIMEOUT' });
    expect(jsonOf(await raw('KAPUTT\r\n\r\n'))).toMatchObject({
      statusCode: 400,
      code: 'BAD_REQUEST',
    });
  });
});
