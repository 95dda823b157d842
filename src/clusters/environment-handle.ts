import type { Duplex } from 'node:stream';

export interface ClusterNode {
  name: string;
  role: 'control-plane' | 'worker';
  containerId: string;
}

export interface ExecOptions {
  timeoutMs?: number;
  stdin?: string | Buffer;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ShellTarget {
  node: string;
}

/** A TTY stream into a shell; resize follows the browser's terminal size. */
export interface ShellStream {
  stream: Duplex;
  resize(size: TerminalSize): Promise<void>;
  /** Resolves with the shell's exit code once it ends. */
  exited: Promise<number>;
  close(): Promise<void>;
}

/**
 * The learner's toolbox container of a kind cluster in shared mode: everything runs there as
 * uid 1000, never as root. Lab setup uses it to hand the learner their credentials; grading
 * never does (a learner controls what happens in there).
 */
export interface ToolboxAccess {
  readonly container: string;
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Writes a file of mode 0600; `path` must lie under /home/lernender or /run/kubelab. */
  writeFile(path: string, content: string): Promise<void>;
  /** How the toolbox reaches kubelab's server on `port` (the cluster network's gateway). */
  serverUrl(port: number): Promise<string>;
}

/** A learner's cluster, as graders and terminals see it. */
export interface EnvironmentHandle {
  readonly name: string;
  /** The admin kubeconfig (YAML). */
  kubeConfig(): Promise<string>;
  nodes(): Promise<ClusterNode[]>;
  execInNode(node: string, argv: string[], options?: ExecOptions): Promise<ExecResult>;
  execInPod(
    namespace: string,
    pod: string,
    container: string | undefined,
    argv: string[],
    options?: ExecOptions,
  ): Promise<ExecResult>;
  openShell(target: ShellTarget, size: TerminalSize): Promise<ShellStream>;
  /**
   * The node whose shell holds no privilege of the host, which is what shared mode may hand a
   * learner; null when this environment has none (a kind node is a privileged container).
   */
  readonly unprivilegedShellNode: string | null;
  /** Present only for a kind cluster that has a toolbox (shared mode). */
  readonly toolbox?: ToolboxAccess;
}

/**
 * The learner changed their environment so that it can no longer be checked truthfully
 * (e.g. mounted something over a program that checks run). Their own doing, and theirs to undo.
 */
export class EnvironmentTamperedError extends Error {
  constructor(readonly paths: string[]) {
    super(`environment tampered: mounts over ${paths.join(', ')}`);
    this.name = 'EnvironmentTamperedError';
  }
}
