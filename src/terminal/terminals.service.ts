import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { LearnersService } from '../auth/learners.service.js';
import type { Principal } from '../common/principal.js';
import type {
  EnvironmentHandle,
  ClusterNode,
  ShellTarget,
} from '../clusters/environment-handle.js';
import { EnvironmentHooks } from '../clusters/environment-hooks.js';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { Clock } from '../common/adapters/clock.js';
import type { ConnectionSlot } from '../common/connection-slot.js';
import { AppConfigService } from '../config/app-config.js';
import { LabsService } from '../labs/labs.service.js';
import { isUsable } from '../common/session-usable.js';
import { KeyedSerializer } from './keyed-serializer.js';
import {
  awaitNonceTaken,
  installShellIntegration,
  promptLabel,
  terminalNonce,
} from './shell-integration.js';
import { Terminal, type TerminalClient } from './terminal.js';
import { TerminalError, tooManyTerminals } from './terminal-error.js';
import { TERMINAL_OPTIONS, type TerminalOptions } from './terminal-options.js';
import type { HelloMessage } from '../contract/terminal-protocol.js';
import {
  TerminalSessionsRepository,
  type TerminalSessionRecord,
} from './terminal-sessions.repository.js';
import { TranscriptWriter } from './transcript-writer.js';

const INITIAL_SIZE = { cols: 80, rows: 24 };

/** Where a session's shell runs: its environment's handle, the node and how it is named. */
interface Placement {
  handle: EnvironmentHandle;
  target: ShellTarget;
  label: string;
}

/**
 * The live terminals of all sessions: who may attach, opening shells (at most
 * `maxTerminalsPerSession` per session), activity, and closing the terminals of sessions that ended.
 */
@Injectable()
export class TerminalsService implements OnApplicationShutdown {
  private readonly logger = new Logger(TerminalsService.name);
  private readonly terminals = new Map<string, Terminal>();
  /** Shells being opened per session; they count against the limit before they exist. */
  private readonly opening = new Map<string, number>();
  private readonly lastTouched = new Map<string, number>();
  /** One shell at a time per node takes its nonce from the node's nonce file. */
  private readonly perNode = new KeyedSerializer();
  private readonly liveness: NodeJS.Timeout;

  constructor(
    private readonly learners: LearnersService,
    private readonly sessions: TerminalSessionsRepository,
    private readonly transcript: TranscriptWriter,
    private readonly labs: LabsService,
    private readonly drivers: EnvironmentDriversService,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
    @Inject(TERMINAL_OPTIONS) private readonly options: TerminalOptions,
    hooks: EnvironmentHooks,
  ) {
    this.liveness = setInterval(() => void this.closeEndedSessions(), options.livenessCheckMs);
    this.liveness.unref();
    hooks.onBeforeRelease((sessionId) => this.closeSessionAndWait(sessionId));
  }

  find(terminalId: string): Terminal | undefined {
    return this.terminals.get(terminalId);
  }

  /**
   * Checks the hello and attaches `client` to a reattached or newly opened terminal; the
   * client's `slot` among the open sockets is counted for its learner from here on.
   */
  async attach(
    hello: HelloMessage,
    client: TerminalClient,
    slot?: ConnectionSlot,
  ): Promise<Terminal> {
    const principal = await this.learners.authenticate(hello.token);
    if (!principal) throw new TerminalError('UNAUTHENTICATED');
    if (slot && !slot.claim(principal.id)) throw new TerminalError('TOO_MANY_CONNECTIONS');
    const session = await this.readySession(principal, hello.sessionId);

    if (hello.terminalId) {
      const terminal = this.terminals.get(hello.terminalId);
      if (!terminal || terminal.sessionId !== session.id) {
        throw new TerminalError('TERMINAL_NOT_FOUND');
      }
      terminal.attach(client, hello.lastSeq);
      return terminal;
    }
    // Placed once: a resume that finds no shell on the node opens one there.
    let placed: Placement | undefined;
    if (hello.resume && this.liveOf(session.id).length > 0) {
      placed = await this.place(session, hello.target?.node);
      const live = this.liveTerminal(session.id, placed.target.node);
      if (live) {
        live.attach(client, 0);
        return live;
      }
    }

    const open = this.countOf(session.id) + (this.opening.get(session.id) ?? 0);
    if (open >= this.options.maxTerminalsPerSession) {
      throw tooManyTerminals(this.options.maxTerminalsPerSession);
    }
    this.opening.set(session.id, (this.opening.get(session.id) ?? 0) + 1);
    let terminal: Terminal;
    try {
      terminal = await this.open(
        session,
        placed ?? (await this.place(session, hello.target?.node)),
      );
    } finally {
      const left = (this.opening.get(session.id) ?? 1) - 1;
      if (left > 0) this.opening.set(session.id, left);
      else this.opening.delete(session.id);
    }
    // A shell that ended while it was being opened is not kept (its end was already reported).
    if (!terminal.hasEnded) this.terminals.set(terminal.id, terminal);
    terminal.attach(client, 0);
    return terminal;
  }

  /** Learner input counts as activity; written at most once per `activityThrottleMs`. */
  activity(sessionId: string): void {
    const now = this.clock.now();
    const last = this.lastTouched.get(sessionId) ?? 0;
    if (now.getTime() - last < this.options.activityThrottleMs) return;
    this.lastTouched.set(sessionId, now.getTime());
    this.sessions.touch(sessionId, now).then(
      (ready) => {
        if (!ready) this.closeSession(sessionId);
      },
      (error: unknown) => this.logger.warn(`Activity of ${sessionId} not stored: ${String(error)}`),
    );
  }

  /** Ends every shell and waits until they are gone. */
  async closeAll(): Promise<void> {
    const all = [...this.terminals.values()];
    await Promise.allSettled(all.map((t) => t.close()));
    await Promise.allSettled(all.map((t) => t.done));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.liveness);
    await this.closeAll();
  }

  private async readySession(principal: Principal, id: string): Promise<TerminalSessionRecord> {
    const session = await this.sessions.findById(id);
    if (!session || (session.learnerId !== principal.id && principal.role !== 'instructor')) {
      throw new TerminalError('SESSION_NOT_FOUND');
    }
    const now = this.clock.now();
    if (isUsable(session, now)) return session;
    const coming = ['queued', 'provisioning'].includes(session.status) && session.expiresAt > now;
    throw new TerminalError(coming ? 'SESSION_NOT_READY' : 'SESSION_ENDED');
  }

  /**
   * The session's shell on `node`, for a browser that has none of its own
   * (another tab or browser, „Fortsetzen“): one nobody is attached to first, else the newest.
   */
  private liveTerminal(sessionId: string, node: string): Terminal | undefined {
    const here = this.liveOf(sessionId)
      .filter((t) => t.node === node)
      .reverse();
    return here.find((t) => !t.isAttached) ?? here[0];
  }

  private liveOf(sessionId: string): Terminal[] {
    return [...this.terminals.values()].filter((t) => t.sessionId === sessionId && t.isOpen);
  }

  /** The session's cluster and which of its nodes the shell is for. */
  private async place(session: TerminalSessionRecord, requested?: string): Promise<Placement> {
    const cluster = session.cluster!;
    let handle: EnvironmentHandle;
    let nodes: ClusterNode[];
    try {
      const { environment } = this.labs.get(session.labId);
      handle = await this.drivers.for(environment).handle(cluster.name, cluster.dockerEndpoint);
      nodes = await handle.nodes();
    } catch (error) {
      this.logger.error(`Terminal for ${session.id}: cluster ${cluster.name}: ${String(error)}`);
      throw new TerminalError('SHELL_FAILED');
    }
    return { handle, ...this.target(handle, nodes, requested) };
  }

  private async open(
    session: TerminalSessionRecord,
    { handle, target, label }: Placement,
  ): Promise<Terminal> {
    const cluster = session.cluster!;
    const node = target.node;
    try {
      // The terminal is handed out as soon as its shell runs; the node stays reserved until the
      // shell has taken its nonce, since the next terminal there would overwrite the file.
      return await new Promise<Terminal>((resolve, reject) => {
        this.perNode
          .run(`${cluster.name}/${node}`, async () => {
            const nonce = terminalNonce();
            const integrated = await installShellIntegration(handle, node, label, nonce);
            if (!integrated) {
              this.logger.warn(`No shell integration on ${node}: no transcript there`);
            }
            const shell = await handle.openShell(target, INITIAL_SIZE);
            resolve(
              new Terminal(session.id, node, shell, integrated ? nonce : null, this.options, {
                onCommandStarted: (terminal, command) => this.transcript.started(terminal, command),
                onCommandFinished: (terminal, command) =>
                  this.transcript.finished(terminal, command),
                onEnd: (terminal) => this.forget(terminal),
                now: () => this.clock.now(),
              }),
            );
            if (integrated) {
              await awaitNonceTaken(handle, node).catch((error: unknown) => {
                this.logger.warn(`Nonce on ${node} not cleared: ${String(error)}`);
              });
            }
          })
          .catch(reject);
      });
    } catch (error) {
      this.logger.error(`Terminal for ${session.id} on ${label}: ${String(error)}`);
      throw new TerminalError('SHELL_FAILED');
    }
  }

  /**
   * Local mode: any node of the learner's own cluster, by name or role. Shared mode: only a
   * shell that holds no privilege of the host, and none at all where the environment has none.
   */
  private target(
    handle: EnvironmentHandle,
    nodes: ClusterNode[],
    requested?: string,
  ): { target: ShellTarget; label: string } {
    const cluster = handle.name;
    if (this.config.get('KUBELAB_MODE') === 'shared') {
      if (requested) throw new TerminalError('TARGET_NOT_ALLOWED');
      const safe = handle.unprivilegedShellNode;
      if (safe === null) throw new TerminalError('NO_SAFE_SHELL');
      const node = nodes.find((n) => n.role === safe || n.name === safe)?.name ?? safe;
      return { target: { node }, label: promptLabel(cluster, node) };
    }
    const wanted = requested ?? 'control-plane';
    const node =
      nodes.find((n) => n.name === wanted || n.name === `${cluster}-${wanted}`) ??
      nodes.find((n) => n.role === wanted);
    if (!node) {
      throw new TerminalError(
        'NODE_NOT_FOUND',
        `Den Knoten „${wanted}“ gibt es in deinem Cluster nicht.`,
      );
    }
    return { target: { node: node.name }, label: promptLabel(cluster, node.name) };
  }

  private forget(terminal: Terminal): void {
    this.terminals.delete(terminal.id);
    if (this.countOf(terminal.sessionId) === 0) this.lastTouched.delete(terminal.sessionId);
  }

  private countOf(sessionId: string): number {
    return [...this.terminals.values()].filter((t) => t.sessionId === sessionId).length;
  }

  private async closeEndedSessions(): Promise<void> {
    const ids = [...new Set([...this.terminals.values()].map((t) => t.sessionId))];
    if (ids.length === 0) return;
    try {
      const ready = await this.sessions.readyAmong(ids, this.clock.now());
      for (const id of ids) if (!ready.has(id)) this.closeSession(id);
    } catch (error) {
      this.logger.warn(`Checking terminal sessions failed: ${String(error)}`);
    }
  }

  /** Before the environment goes: its shells end first, or Docker may not remove it. */
  private async closeSessionAndWait(sessionId: string): Promise<void> {
    const closing = [...this.terminals.values()].filter((t) => t.sessionId === sessionId);
    this.closeSession(sessionId);
    await Promise.allSettled(closing.map((t) => t.done));
  }

  private closeSession(sessionId: string): void {
    this.lastTouched.delete(sessionId);
    for (const terminal of this.terminals.values()) {
      if (terminal.sessionId === sessionId) void terminal.close(new TerminalError('SESSION_ENDED'));
    }
  }
}
