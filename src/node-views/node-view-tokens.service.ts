import { Injectable } from '@nestjs/common';
import { hashToken, newToken } from '../auth/token.js';
import { Clock } from '../common/adapters/clock.js';
import { usableWhere } from '../common/session-usable.js';
import { PrismaService } from '../prisma/prisma.service.js';

/** A session `knoten` works for: its id, lab and environment. */
export interface NodeViewSession {
  id: string;
  labId: string;
  cluster: { name: string; dockerEndpoint: string };
}

/**
 * The credential of a session's toolbox for `knoten`: random, shown only to that toolbox, stored
 * hashed on the session. A new one replaces the old (a replayed setup writes a fresh one).
 */
@Injectable()
export class NodeViewTokensService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async issue(sessionId: string): Promise<string> {
    const token = newToken();
    await this.prisma.labSession.update({
      where: { id: sessionId },
      data: { nodeViewTokenHash: hashToken(token) },
    });
    return token;
  }

  /** The usable session the token belongs to, or null (unknown token, session over). */
  async sessionOf(token: string): Promise<NodeViewSession | null> {
    const row = await this.prisma.labSession.findFirst({
      where: { nodeViewTokenHash: hashToken(token), ...usableWhere(this.clock.now()) },
      select: { id: true, labId: true, cluster: { select: { name: true, dockerEndpoint: true } } },
    });
    return row?.cluster ? { id: row.id, labId: row.labId, cluster: row.cluster } : null;
  }
}
