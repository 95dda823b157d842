import type { AddressInfo } from 'node:net';
import { TerminalsService } from '../../src/terminal/terminals.service.js';
import type { TestContext } from './test-app.js';
import { TerminalTestClient } from './ws-client.js';

/**
 * The terminal WebSocket clients of one e2e suite: `listen` in its beforeAll, `connect` in its
 * tests, `closeAll` in its afterEach (every client, then every shell on the server).
 */
export class TerminalClients {
  private url = '';
  private readonly open: TerminalTestClient[] = [];

  async listen(ctx: TestContext): Promise<void> {
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/ws/terminal`;
  }

  async connect(): Promise<TerminalTestClient> {
    const client = await TerminalTestClient.connect(this.url, {
      origin: this.url.replace('ws:', 'http:').replace('/ws/terminal', ''),
    });
    this.open.push(client);
    return client;
  }

  /** Asks for a shell on `node` of the session; the server's control messages once it closed. */
  async askForNode(
    learner: { token: string },
    sessionId: string,
    node: string,
  ): Promise<TerminalTestClient> {
    const client = await this.connect();
    client.hello({ token: learner.token, sessionId, target: { node } });
    await client.closed;
    return client;
  }

  async closeAll(ctx: TestContext): Promise<void> {
    for (const client of this.open.splice(0)) client.close();
    await ctx.app.get(TerminalsService).closeAll();
  }
}
