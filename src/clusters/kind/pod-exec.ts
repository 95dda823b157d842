import { boundedCapture } from '../bounded-capture.js';
import { PassThrough, Readable, type Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import type { ExecOptions, ExecResult } from '../environment-handle.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/** The part of the exec WebSocket this module uses (a `ws` WebSocket in production). */
export interface ExecConnection {
  once(event: 'close', listener: () => void): unknown;
  close(): void;
}

/** The signature of `Exec.exec` from @kubernetes/client-node. */
export type ExecTransport = (
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  stdout: Writable,
  stderr: Writable,
  stdin: Readable | null,
  tty: boolean,
  statusCallback: (status: V1Status) => void,
) => Promise<ExecConnection>;

/**
 * The exit code from the exec's status channel (channel 3). The API server sends
 * `{status: "Success"}` for exit 0 and `{status: "Failure", reason: "NonZeroExitCode", details:
 * {causes: [{reason: "ExitCode", message: "<code>"}]}}` otherwise
 * (k8s.io/apimachinery/pkg/util/remotecommand/constants.go: NonZeroExitCodeReason, ExitCodeCauseType).
 * A failure without an exit code (the command cannot start, the container is gone) gives -1.
 */
export function exitCodeOf(status: V1Status | undefined): number {
  if (!status) return -1;
  if (status.status === 'Success') return 0;
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return code;
  }
  return -1;
}

/**
 * Runs argv in a pod's container through the Kubernetes exec API: stdout and stderr apart, exit
 * code from the status channel. On timeout the connection is closed; the API has no way to kill
 * the process, so a command that ignores its closed streams may run on in the pod.
 */
export async function execInPod(
  transport: ExecTransport,
  target: { namespace: string; pod: string; container: string },
  argv: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = boundedCapture(stdout);
  const err = boundedCapture(stderr);
  const stdin = options.stdin === undefined ? null : Readable.from([Buffer.from(options.stdin)]);
  let status: V1Status | undefined;

  const connection = await transport(
    target.namespace,
    target.pod,
    target.container,
    argv,
    stdout,
    stderr,
    stdin,
    false,
    (s) => (status = s),
  );
  let timedOut = false;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timedOut = true;
      connection.close();
      resolve();
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    connection.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const failure =
    status && exitCodeOf(status) === -1 && status.message ? `${status.message}\n` : '';
  return {
    exitCode: timedOut ? -1 : exitCodeOf(status),
    stdout: out(),
    stderr: err() + failure,
    timedOut,
  };
}
