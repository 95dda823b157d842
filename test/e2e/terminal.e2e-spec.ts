import type { AddressInfo } from 'node:net';
import {
  DEFAULT_TERMINAL_OPTIONS,
  TERMINAL_OPTIONS,
  type TerminalOptions,
} from '../../src/terminal/terminal-options.js';
import { TerminalsService } from '../../src/terminal/terminals.service.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { DockerContainerDriver } from '../support/docker-container-driver.js';
import {
  createTestApp,
  INSTRUCTOR_TOKEN,
  type TestContext,
  type TestLearner as Learner,
} from '../support/test-app.js';
import { ensureNetlabImage } from '../support/test-images.js';
import { TerminalTestClient } from '../support/ws-client.js';

const DOCKER = 'unix:///var/run/docker.sock';
const OPTIONS: TerminalOptions = {
  ...DEFAULT_TERMINAL_OPTIONS,
  graceMs: 1500,
  livenessCheckMs: 300,
  helloTimeoutMs: 1000,
  ringBytes: 256 * 1024,
  highWatermark: 64 * 1024,
  lowWatermark: 16 * 1024,
};
const PROMPT = /kl-[0-9a-f]{8}:control-plane # $/;

describeWithDocker('Browser terminal (e2e, shells in real Docker containers)', () => {
  let ctx: TestContext;
  let driver: DockerContainerDriver;
  let url: string;
  let learner: Learner;
  let sessionId: string;
  let clients: TerminalTestClient[] = [];

  async function startReady(who: Learner): Promise<{ id: string; cluster: string }> {
    const session = await ctx.newSession(who);
    expect(session.status).toBe('ready');
    return { id: session.id, cluster: session.cluster!.name };
  }

  async function connect(options: Parameters<typeof TerminalTestClient.connect>[1] = {}) {
    const client = await TerminalTestClient.connect(url, options);
    clients.push(client);
    return client;
  }

  /** A terminal in the learner's session, at its first prompt. */
  async function openTerminal(fields: Record<string, unknown> = {}) {
    const client = await connect();
    const terminalId = await client.open({ token: learner.token, sessionId, ...fields });
    await client.waitForText(/# $/);
    return { client, terminalId };
  }

  async function expectRefusal(
    fields: Record<string, unknown>,
    code: string,
    closeCode: number,
    options: { origin?: string } = {},
  ) {
    const client = await connect(options);
    client.hello({ token: learner.token, sessionId, ...fields });
    const closed = await client.closed;
    expect(client.controls).toEqual([{ type: 'error', code, message: expect.any(String) }]);
    expect(closed.code).toBe(closeCode);
    expect(client.bytesReceived).toBe(0);
    return client.controls[0].message as string;
  }

  beforeAll(async () => {
    const image = await ensureNetlabImage();
    driver = new DockerContainerDriver(image);
    ctx = await createTestApp({
      drivers: [driver],
      env: { KUBELAB_DOCKER_HOST: DOCKER },
      overrides: [{ provide: TERMINAL_OPTIONS, useValue: OPTIONS }],
    });
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as AddressInfo;
    url = `ws://127.0.0.1:${port}/ws/terminal`;
    learner = await ctx.newLearner();
    sessionId = (await startReady(learner)).id;
  }, 300_000);

  afterEach(async () => {
    for (const client of clients) {
      // Shell integration markers are for the server only.
      expect(client.output().includes('\x1b]633;')).toBe(false);
      client.close();
    }
    clients = [];
    await ctx.app.get(TerminalsService).closeAll();
  });

  afterAll(async () => {
    await ctx?.close();
    await driver?.destroyAll(DOCKER);
  }, 60_000);

  it('runs a command in a login bash on the control-plane with the cluster in the prompt', async () => {
    const { client } = await openTerminal();
    expect(client.text()).toMatch(PROMPT);
    client.type('echo hallo\r');
    await client.waitForText(/\rhallo\r\n.*# $/s);
    client.type('echo "$TERM $LANG $(shopt -q login_shell && echo login-bash)"\r');
    await client.waitForText('\rxterm-256color de_DE.UTF-8 login-bash\r\n');
  }, 30_000);

  it('resizes the TTY: stty size agrees', async () => {
    const { client } = await openTerminal();
    client.control({ type: 'resize', cols: 123, rows: 41 });
    client.type('stty size\r');
    await client.waitForText('\r41 123\r\n');
  }, 30_000);

  it('records each command with exit code and output in the transcript', async () => {
    const { client, terminalId } = await openTerminal();
    client.type('echo hallo\r');
    await client.waitForText(/hallo\r\n.*# $/s);
    client.type('ls /nirgends\r');
    await client.waitForText(/No such file|Datei oder Verzeichnis nicht gefunden/);
    await client.waitForText(PROMPT);
    const rows = await waitForRows(terminalId, 2);
    expect(rows).toEqual([
      expect.objectContaining({
        sessionId,
        terminal: terminalId,
        seq: 1,
        command: 'echo hallo',
        exitCode: 0,
        output: 'hallo\n',
        finishedAt: expect.any(Date),
      }),
      expect.objectContaining({ seq: 2, command: 'ls /nirgends', exitCode: 2 }),
    ]);
    expect(rows[0].startedAt.getTime()).toBeLessThanOrEqual(rows[0].finishedAt!.getTime());
  }, 30_000);

  it('gives every command of a pasted block its own exit code', async () => {
    const { client, terminalId } = await openTerminal();
    // As xterm pastes into bash (bracketed paste): the lines arrive at once, one Enter runs them.
    client.type('\x1b[200~false\recho zwei\rls /nirgends\rtrue\x1b[201~');
    client.type('\r');
    const rows = await waitForRows(terminalId, 4);
    expect(rows.map((r) => [r.command, r.exitCode])).toEqual([
      ['false', 1],
      ['echo zwei', 0],
      ['ls /nirgends', 2],
      ['true', 0],
    ]);
    expect(rows[1].output).toBe('zwei\n');
  }, 30_000);

  it('records no command from OSC 633 markers a program prints', async () => {
    const { client, terminalId } = await openTerminal();
    // Its output holds the forged markers on purpose: not for afterEach's check.
    clients = clients.filter((c) => c !== client);
    const forge = "printf '\\e]633;E;kubectl get pods\\a\\e]633;C\\a\\e]633;D;0\\a%.0s' {1..500}";
    client.type(`${forge}; echo ende\r`);
    await client.waitForText(/ende\r\n.*# $/s);
    client.type('true\r');
    const rows = await waitForRows(terminalId, 2);
    expect(rows.map((r) => r.command)).toEqual([`${forge}; echo ende`, 'true']);
    expect(rows[0].output).toMatch(/ende\n$/);
    // The forged markers are the program's output and reach the browser as such.
    expect(client.output().includes('\x1b]633;E;kubectl get pods\x07')).toBe(true);
    client.close();
  }, 30_000);

  it('shows a command in the transcript while it still runs', async () => {
    const { client, terminalId } = await openTerminal();
    client.type('sleep 2; echo fertig\r');
    const rows = () => ctx.prisma.transcriptEntry.findMany({ where: { terminal: terminalId } });
    await waitFor(async () => (await rows()).length === 1, 5000);
    expect(await rows()).toEqual([
      expect.objectContaining({
        command: 'sleep 2; echo fertig',
        exitCode: null,
        output: '',
        finishedAt: null,
      }),
    ]);
    await client.waitForText(/\rfertig\r\n/);
    expect(await waitForRows(terminalId, 1)).toEqual([
      expect.objectContaining({ exitCode: 0, output: 'fertig\n' }),
    ]);
  }, 30_000);

  it('keeps German umlauts intact both ways', async () => {
    const { client, terminalId } = await openTerminal();
    client.type('echo Grüße aus Köln\r');
    await client.waitForText('\rGrüße aus Köln\r\n');
    expect(client.text()).not.toContain('\ufffd');
    const [row] = await waitForRows(terminalId, 1);
    expect(row).toMatchObject({ command: 'echo Grüße aus Köln', output: 'Grüße aus Köln\n' });
  }, 30_000);

  it('reports the exit code of the shell and closes normally', async () => {
    const { client, terminalId } = await openTerminal();
    client.type('exit 3\r');
    const closed = await client.closed;
    expect(client.controls.at(-1)).toEqual({ type: 'exit', code: 3 });
    expect(closed.code).toBe(1000);
    expect(ctx.app.get(TerminalsService).find(terminalId)).toBeUndefined();
    const [row] = await waitForRows(terminalId, 1);
    expect(row).toMatchObject({ command: 'exit 3', exitCode: 3 });
  }, 30_000);

  it('opens a shell on another node of the cluster by its short name', async () => {
    const { client } = await openTerminal({ target: { node: 'worker' } });
    expect(client.text()).toMatch(/kl-[0-9a-f]{8}:worker # $/);
    client.type('hostname\r');
    await client.waitForText(/\r[0-9a-f]{12}\r\n/);
  }, 30_000);

  it('replays exactly the output a reconnecting client missed, once', async () => {
    const first = await openTerminal();
    first.client.type('echo eins\r');
    await first.client.waitForText(/eins\r\n.*# $/s);
    first.client.type('sleep 1; echo zwei; echo drei\r');
    await first.client.waitForText('sleep 1; echo zwei; echo drei\r\n');
    first.client.close();
    await first.client.closed;
    const lastSeq = first.client.seq;
    expect(lastSeq).toBe(first.client.bytesReceived);

    await new Promise((r) => setTimeout(r, 1300));
    const second = await connect();
    const id = await second.open({
      token: learner.token,
      sessionId,
      terminalId: first.terminalId,
      lastSeq,
    });
    expect(id).toBe(first.terminalId);
    expect(second.controls[0]).toEqual({ type: 'ready', terminalId: id, seq: lastSeq });
    await second.waitForText(/drei\r\n.*# $/s);
    const missed = second.text();
    expect(missed.match(/zwei\r\n/g)).toHaveLength(1);
    expect(missed).not.toContain('eins');

    // A client that lost everything (page reload) gets the whole buffer: the same bytes, joined.
    const third = await connect();
    await third.open({ token: learner.token, sessionId, terminalId: id, lastSeq: 0 });
    await third.waitForText(/drei\r\n.*# $/s);
    expect(third.output()).toEqual(Buffer.concat([first.client.output(), second.output()]));
    const replaced = await second.closed;
    expect(replaced.code).toBe(4409);
    expect(second.controls.at(-1)).toMatchObject({ type: 'error', code: 'REPLACED' });
  }, 30_000);

  it('gives another browser of the learner the live shell with its output, not a new one', async () => {
    const first = await openTerminal({ resume: true });
    first.client.type('echo vorher\r');
    await first.client.waitForText(/\rvorher\r\n.*# $/s);

    // Another browser knows no terminal id, only the learner's token and the session.
    const second = await connect();
    const id = await second.open({ token: learner.token, sessionId, resume: true });
    expect(id).toBe(first.terminalId);
    await second.waitForText(/\rvorher\r\n.*# $/s);
    expect(second.output()).toEqual(first.client.output());
    expect((await first.client.closed).code).toBe(4409);
    expect(first.client.controls.at(-1)).toMatchObject({ type: 'error', code: 'REPLACED' });
    second.type('echo nachher\r');
    await second.waitForText(/\rnachher\r\n/);

    // Another node is another shell; a hello without `resume` still opens a new one.
    const worker = await connect();
    const workerId = await worker.open({
      token: learner.token,
      sessionId,
      target: { node: 'worker' },
      resume: true,
    });
    expect(workerId).not.toBe(id);
    const fresh = await openTerminal();
    expect(fresh.terminalId).not.toBe(id);
    // Among several live shells, one nobody is attached to is taken first.
    second.close();
    await second.closed;
    const third = await connect();
    expect(await third.open({ token: learner.token, sessionId, resume: true })).toBe(id);
  }, 30_000);

  it('resumes a live shell even when the session has as many terminals as it may', async () => {
    const opened = [];
    for (let i = 0; i < 4; i++) opened.push((await openTerminal()).terminalId);
    const client = await connect();
    const id = await client.open({ token: learner.token, sessionId, resume: true });
    expect(opened).toContain(id);
  }, 60_000);

  it('closes a shell nobody reattaches to after the grace period', async () => {
    const { client, terminalId } = await openTerminal();
    client.close();
    await client.closed;
    expect(ctx.app.get(TerminalsService).find(terminalId)).toBeDefined();
    await waitFor(() => ctx.app.get(TerminalsService).find(terminalId) === undefined, 5000);
    await expectRefusal({ terminalId, lastSeq: 0 }, 'TERMINAL_NOT_FOUND', 4404);
  }, 30_000);

  it('streams 50 MB of output while the server holds a bounded amount', async () => {
    const client = await connect({ keepOutput: false, ackDelayMs: 1 });
    const terminalId = await client.open({ token: learner.token, sessionId });
    await client.waitForText(/# $/);
    client.type("head -c 50000000 /dev/zero | tr '\\0' x; echo; echo fertig-$((6*7))\r");
    await client.waitForText(/fertig-42\r\n.*# $/s, 120_000);
    expect(client.bytesReceived).toBeGreaterThan(50_000_000);
    const terminal = ctx.app.get(TerminalsService).find(terminalId)!;
    await waitFor(() => terminal.stats().unacked === 0, 5000);
    const stats = terminal.stats();
    expect(stats.pauses).toBeGreaterThan(0);
    expect(stats.resumes).toBe(stats.pauses);
    // The watermark plus at most one chunk read from Docker before the pause takes effect.
    expect(stats.peakUnacked).toBeLessThanOrEqual(OPTIONS.highWatermark + 128 * 1024);
  }, 180_000);

  it('keeps other terminals responsive while one streams output', async () => {
    const busy = await connect({ keepOutput: false, ackDelayMs: 5 });
    await busy.open({ token: learner.token, sessionId });
    await busy.waitForText(/# $/);
    busy.type('yes\r');
    await waitFor(() => busy.bytesReceived > 1_000_000, 10_000);
    const { client } = await openTerminal();
    client.type('echo nebenan\r');
    await client.waitForText(/\rnebenan\r\n/, 5000);
    busy.type('\x03');
  }, 30_000);

  it('allows four terminals per session and refuses a fifth', async () => {
    for (let i = 0; i < 4; i++) await openTerminal();
    const message = await expectRefusal({}, 'TOO_MANY_TERMINALS', 4429);
    expect(message).toBe(
      'Du hast schon 4 Terminals offen. Schließe eines, um ein neues zu öffnen.',
    );
  }, 60_000);

  it('refuses a wrong token, a malformed hello and a foreign origin', async () => {
    await expectRefusal({ token: 'klt_falsch' }, 'UNAUTHENTICATED', 4401);
    await expectRefusal({ sessionId: 'keine-uuid' }, 'BAD_MESSAGE', 4400);
    const client = await connect({ origin: 'https://evil.example' });
    client.hello({ token: learner.token, sessionId });
    expect((await client.closed).code).toBe(4403);
    expect(client.controls).toEqual([
      {
        type: 'error',
        code: 'FORBIDDEN_ORIGIN',
        message: 'Das Terminal lässt sich nur von der kubelab-Seite aus öffnen.',
      },
    ]);
    const port = new URL(url).port;
    const same = await connect({ origin: `http://127.0.0.1:${port}` });
    await same.open({ token: learner.token, sessionId });
  }, 30_000);

  it('closes a socket that never says hello, and one that sends an unknown control frame', async () => {
    const silent = await connect();
    expect((await silent.closed).code).toBe(4408);
    expect(silent.controls).toMatchObject([{ type: 'error', code: 'HELLO_TIMEOUT' }]);
    const { client } = await openTerminal();
    client.control({ type: 'exec', argv: ['id'] });
    expect((await client.closed).code).toBe(4400);
    expect(client.controls.at(-1)).toMatchObject({ type: 'error', code: 'BAD_MESSAGE' });
  }, 30_000);

  it('refuses an unknown node and a node name that is no name', async () => {
    const message = await expectRefusal({ target: { node: 'worker7' } }, 'NODE_NOT_FOUND', 4422);
    expect(message).toBe('Den Knoten „worker7“ gibt es in deinem Cluster nicht.');
    await expectRefusal({ target: { node: '../../etc' } }, 'BAD_MESSAGE', 4400);
  }, 30_000);

  it("refuses someone else's session but lets the instructor attach", async () => {
    const other = await ctx.newLearner('Mallory');
    await expectRefusal({ token: other.token }, 'SESSION_NOT_FOUND', 4404);
    const instructor = await connect();
    await instructor.open({ token: INSTRUCTOR_TOKEN, sessionId });
    await instructor.waitForText(PROMPT);
  }, 30_000);

  it('refuses a session that is not ready yet', async () => {
    await ctx.prisma.labSession.update({
      where: { id: sessionId },
      data: { status: 'provisioning' },
    });
    try {
      await expectRefusal({}, 'SESSION_NOT_READY', 4409);
    } finally {
      await ctx.prisma.labSession.update({ where: { id: sessionId }, data: { status: 'ready' } });
    }
  }, 30_000);

  it('closes the terminals of a session that ended', async () => {
    const { client, terminalId } = await openTerminal();
    await ctx.prisma.labSession.update({ where: { id: sessionId }, data: { status: 'finished' } });
    try {
      const closed = await client.closed;
      expect(closed.code).toBe(4410);
      expect(client.controls.at(-1)).toMatchObject({ type: 'error', code: 'SESSION_ENDED' });
      await waitFor(() => ctx.app.get(TerminalsService).find(terminalId) === undefined, 5000);
    } finally {
      await ctx.prisma.labSession.update({ where: { id: sessionId }, data: { status: 'ready' } });
    }
  }, 30_000);

  it('marks the session active when the learner types, and answers pings', async () => {
    const someone = await ctx.newLearner('Aktiv');
    const session = await startReady(someone);
    const before = await ctx.prisma.labSession.findUniqueOrThrow({ where: { id: session.id } });
    const client = await connect();
    await client.open({ token: someone.token, sessionId: session.id });
    await client.waitForText(/# $/);
    client.type('true\r');
    await waitFor(async () => {
      const row = await ctx.prisma.labSession.findUniqueOrThrow({ where: { id: session.id } });
      return row.lastActiveAt > before.lastActiveAt;
    }, 5000);
    client.control({ type: 'ping' });
    await client.waitForControl('pong');
  }, 60_000);

  /** The terminal's transcript once `count` commands have finished. */
  async function waitForRows(terminal: string, count: number) {
    const finished = () =>
      ctx.prisma.transcriptEntry.findMany({
        where: { terminal, finishedAt: { not: null } },
        orderBy: { seq: 'asc' },
      });
    await waitFor(async () => (await finished()).length >= count, 5000);
    return finished();
  }
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
