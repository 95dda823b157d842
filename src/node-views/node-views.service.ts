import { Injectable, Logger } from '@nestjs/common';
import type { ClusterNode, EnvironmentHandle } from '../clusters/environment-handle.js';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { RateLimiter } from '../common/rate-limit/rate-limiter.js';
import { waitDe } from '../common/rate-limit/rate-limit.guard.js';
import { AppConfigService } from '../config/app-config.js';
import { LabsService } from '../labs/labs.service.js';
import { NODE_COMMANDS_HELP, parseNodeCommand } from '../labs/modes/node-command.js';
import { findNode, shortName } from './node-names.js';
import { NodeViewTokensService, type NodeViewSession } from './node-view-tokens.service.js';

const EXEC_TIMEOUT_MS = 20_000;
const HELP_WORDS = new Set(['-h', '--help', 'hilfe']);

/** What `knoten` prints: the command's output and exit code, or why it did not run (German). */
export type NodeViewAnswer =
  | { kind: 'ran'; output: string; exitCode: number }
  | { kind: 'refused'; status: 401 | 422 | 429 | 503; message: string };

/**
 * Runs an allow-listed read-only command in a node of the session's cluster for the learner's
 * toolbox (shared mode), with kubelab's own access to the node. The toolbox proves which session
 * it is by its token; the learner only chooses among the allow-listed argvs.
 */
@Injectable()
export class NodeViewsService {
  private readonly logger = new Logger(NodeViewsService.name);

  constructor(
    private readonly tokens: NodeViewTokensService,
    private readonly labs: LabsService,
    private readonly drivers: EnvironmentDriversService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfigService,
  ) {}

  async run(token: string | undefined, args: string[]): Promise<NodeViewAnswer> {
    const session = token ? await this.tokens.sessionOf(token) : null;
    if (!session)
      return refused(
        401,
        'knoten kennt diese Sitzung nicht (mehr). Ist deine Übung beendet? Sonst starte sie über „Fortsetzen“ neu.',
      );
    const waitMs = this.limiter.take(
      'node-views',
      this.config.get('KUBELAB_RATE_NODE_VIEWS'),
      session.id,
    );
    if (waitMs > 0)
      return refused(
        429,
        `Du hast sehr oft hintereinander knoten aufgerufen. Bitte warte ${waitDe(Math.ceil(waitMs / 1000))}.`,
      );
    if (args.length === 0 || (args.length === 1 && HELP_WORDS.has(args[0] ?? '')))
      return { kind: 'ran', output: `${NODE_COMMANDS_HELP}\n`, exitCode: 0 };
    const command = parseNodeCommand(args);
    if (!command.ok) return refused(422, command.message);
    let handle: EnvironmentHandle;
    let nodes: ClusterNode[];
    try {
      handle = await this.handleOf(session);
      nodes = await handle.nodes();
    } catch (error) {
      this.logger.warn(`knoten for ${session.id}: cluster unreachable: ${String(error)}`);
      return refused(503, 'Dein Cluster antwortet gerade nicht. Versuch es gleich noch einmal.');
    }
    const node = findNode(nodes, session.cluster.name, command.node);
    if (!node)
      return refused(
        422,
        `Den Knoten „${command.node}“ gibt es in deinem Cluster nicht. Deine Knoten: ${nodes
          .map((n) => shortName(n.name, session.cluster.name))
          .join(', ')}.`,
      );
    try {
      const result = await handle.execInNode(node.name, command.argv, {
        timeoutMs: EXEC_TIMEOUT_MS,
      });
      const output = result.stdout + result.stderr;
      if (result.timedOut)
        return {
          kind: 'ran',
          output: `${output}\n(nach 20 Sekunden abgebrochen)\n`,
          exitCode: 124,
        };
      return { kind: 'ran', output, exitCode: result.exitCode };
    } catch (error) {
      this.logger.warn(`knoten for ${session.id} on ${node.name}: ${String(error)}`);
      return refused(
        503,
        `Der Knoten ${shortName(node.name, session.cluster.name)} antwortet gerade nicht.`,
      );
    }
  }

  private handleOf(session: NodeViewSession): Promise<EnvironmentHandle> {
    const { environment } = this.labs.get(session.labId);
    return this.drivers
      .for(environment)
      .handle(session.cluster.name, session.cluster.dockerEndpoint);
  }
}

function refused(status: 401 | 422 | 429 | 503, message: string): NodeViewAnswer {
  return { kind: 'refused', status, message };
}
