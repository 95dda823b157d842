import type { IncomingMessage } from 'node:http';
import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import type { ConnectionLimits } from '../common/connection-limits.js';
import { TerminalConnection } from './terminal-connection.js';
import { TerminalError } from './terminal-error.js';
import { MAX_FRAME_BYTES, TERMINAL_OPTIONS, type TerminalOptions } from './terminal-options.js';
import {
  PENDING_SOCKET_LIMITS,
  TERMINAL_SOCKET_LIMITS,
} from './terminal-socket-limits.provider.js';
import { TerminalsService } from './terminals.service.js';

/**
 * `/ws/terminal`: the browser terminal (protocol in src/contract/terminal-protocol.ts). A browser always sends
 * Origin; one that is not this server's own host is refused, so another site cannot open a
 * terminal with a learner's token. Clients without Origin (not a browser) pass. Open sockets
 * are capped in total (counted from the connect) and per learner (from the hello); sockets
 * that have not said hello yet are capped per client address.
 */
@WebSocketGateway({ path: '/ws/terminal', maxPayload: MAX_FRAME_BYTES })
export class TerminalGateway implements OnGatewayConnection {
  constructor(
    private readonly terminals: TerminalsService,
    @Inject(TERMINAL_OPTIONS) private readonly options: TerminalOptions,
    @Inject(TERMINAL_SOCKET_LIMITS) private readonly sockets: ConnectionLimits,
    @Inject(PENDING_SOCKET_LIMITS) private readonly pending: ConnectionLimits,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const waiting = this.pending.admit(request.socket.remoteAddress ?? 'unknown');
    const slot = typeof waiting === 'string' ? null : this.sockets.open();
    const connection = new TerminalConnection(
      socket,
      this.terminals,
      this.options,
      slot,
      typeof waiting === 'string' ? undefined : waiting,
    );
    if (typeof waiting === 'string') connection.end(new TerminalError('TOO_MANY_PENDING'));
    else if (!slot) connection.end(new TerminalError('SERVER_BUSY'));
    else if (!sameOrigin(request)) connection.end(new TerminalError('FORBIDDEN_ORIGIN'));
  }
}

export function sameOrigin(request: Pick<IncomingMessage, 'headers'>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
