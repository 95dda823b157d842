import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import { findNode } from '../node-views/node-names.js';
import type { KnotenCredentials } from '../sessions/access/learner-access.service.js';
import { NODE_COMMANDS_HELP, parseNodeCommand } from '../labs/modes/node-command.js';

const PATH = '/api/toolbox/knoten';
const MAX_BODY = 16 * 1024;
const EXEC_TIMEOUT_MS = 20_000;

interface Answer {
  status: number;
  text: string;
  exitCode?: number;
}

/**
 * `knoten` for labs:test in shared mode, which runs no kubelab server: answers the toolbox's
 * `knoten` script on `POST /api/toolbox/knoten` as the server does (same allow-list, plain text,
 * `X-Kubelab-Exit-Code`), one random token per cluster under test.
 */
export class LabTestKnoten {
  private readonly clusters = new Map<string, EnvironmentHandle>();
  private server?: http.Server;

  /** Credentials for the toolbox of `handle`; starts listening on all interfaces at first use. */
  async credentials(handle: EnvironmentHandle): Promise<KnotenCredentials> {
    const port = await this.listening();
    const token = randomBytes(24).toString('base64url');
    this.clusters.set(token, handle);
    return { token, port };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.clusters.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listening(): Promise<number> {
    if (!this.server) {
      const server = http.createServer((request, response) => {
        this.answer(request)
          .catch((error: unknown): Answer => ({ status: 500, text: `${String(error)}\n` }))
          .then(
            ({ status, text, exitCode }) => {
              response.statusCode = status;
              response.setHeader('Content-Type', 'text/plain; charset=utf-8');
              if (exitCode !== undefined)
                response.setHeader('X-Kubelab-Exit-Code', String(exitCode));
              response.end(text);
            },
            () => response.destroy(),
          );
      });
      this.server = server;
      // The toolbox reaches this host through its Docker network's gateway.
      await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    }
    return (this.server.address() as AddressInfo).port;
  }

  private async answer(request: http.IncomingMessage): Promise<Answer> {
    if (request.method !== 'POST' || request.url !== PATH) return { status: 404, text: '' };
    const token = /^Bearer\s+(\S{1,200})$/i.exec(request.headers.authorization ?? '')?.[1];
    const handle = token ? this.clusters.get(token) : undefined;
    if (!handle) return { status: 401, text: 'knoten kennt diese Sitzung nicht.\n' };
    const args = new URLSearchParams(await body(request)).getAll('arg');
    if (args.length === 0) return { status: 200, text: `${NODE_COMMANDS_HELP}\n`, exitCode: 0 };
    const command = parseNodeCommand(args);
    if (!command.ok) return { status: 422, text: `${command.message}\n` };
    const node = findNode(await handle.nodes(), handle.name, command.node);
    if (!node) return { status: 422, text: `Den Knoten „${command.node}“ gibt es nicht.\n` };
    const result = await handle.execInNode(node.name, command.argv, { timeoutMs: EXEC_TIMEOUT_MS });
    return { status: 200, text: result.stdout + result.stderr, exitCode: result.exitCode };
  }
}

async function body(request: http.IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > MAX_BODY) throw new Error('body too large');
  }
  return text;
}
