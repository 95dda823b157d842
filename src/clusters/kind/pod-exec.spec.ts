import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { execInPod, exitCodeOf, type ExecConnection, type ExecTransport } from './pod-exec.js';

/** What the API server sends on the status channel (k8s apimachinery remotecommand constants). */
const SUCCESS: V1Status = { metadata: {}, status: 'Success' };
const exitWith = (code: number): V1Status => ({
  metadata: {},
  status: 'Failure',
  message: `command terminated with non-zero exit code: error executing command [sh -c exit ${code}], exit code ${code}`,
  reason: 'NonZeroExitCode',
  details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
});
const CANNOT_START: V1Status = {
  metadata: {},
  status: 'Failure',
  message:
    'OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown',
};

class FakeConnection extends EventEmitter implements ExecConnection {
  closed = false;
  close(): void {
    this.closed = true;
    setImmediate(() => this.emit('close'));
  }
}

interface Script {
  stdout?: string;
  stderr?: string;
  status?: V1Status;
  /** Never finishes on its own. */
  hang?: boolean;
}

/** A stand-in for `Exec.exec`: records the call, writes output, then the status and close. */
function transport(script: Script) {
  const calls: { args: unknown[]; stdin?: string }[] = [];
  const connection = new FakeConnection();
  const exec: ExecTransport = async (
    ns,
    pod,
    container,
    argv,
    stdout: Writable,
    stderr: Writable,
    stdin: Readable | null,
    tty,
    onStatus,
  ) => {
    const call: { args: unknown[]; stdin?: string } = { args: [ns, pod, container, argv, tty] };
    calls.push(call);
    if (stdin) {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(chunk as Buffer);
      call.stdin = Buffer.concat(chunks).toString();
    }
    if (!script.hang)
      setImmediate(() => {
        if (script.stdout) stdout.write(script.stdout);
        if (script.stderr) stderr.write(script.stderr);
        if (script.status) onStatus(script.status);
        connection.close();
      });
    return connection;
  };
  return { exec, calls, connection };
}

const target = { namespace: 'netz', pod: 'client', container: 'main' };

describe(execInPod.name, () => {
  it('keeps stdout and stderr apart and reads exit 0 from the status channel', async () => {
    const { exec, calls } = transport({ stdout: 'out\n', stderr: 'err\n', status: SUCCESS });
    await expect(execInPod(exec, target, ['sh', '-c', 'echo out; echo err >&2'])).resolves.toEqual({
      exitCode: 0,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
    });
    expect(calls[0].args).toEqual([
      'netz',
      'client',
      'main',
      ['sh', '-c', 'echo out; echo err >&2'],
      false,
    ]);
  });

  it('returns a non-zero exit code from the status details', async () => {
    const { exec } = transport({ stderr: 'nope\n', status: exitWith(3) });
    const result = await execInPod(exec, target, ['sh', '-c', 'exit 3']);
    expect(result).toMatchObject({ exitCode: 3, stderr: 'nope\n', timedOut: false });
  });

  it('gives -1 and the server message when the command cannot start', async () => {
    const { exec } = transport({ status: CANNOT_START });
    const result = await execInPod(exec, target, ['nope']);
    expect(result.exitCode).toBe(-1);
    expect(result.stderr).toContain('executable file not found');
  });

  it('passes stdin as data', async () => {
    const { exec, calls } = transport({ stdout: '11\n', status: SUCCESS });
    await execInPod(exec, target, ['wc', '-c'], { stdin: 'hallo welt\n' });
    expect(calls[0].stdin).toBe('hallo welt\n');
  });

  it('closes the connection and reports a timeout', async () => {
    const { exec, connection } = transport({ hang: true });
    const started = Date.now();
    const result = await execInPod(exec, target, ['sleep', '60'], { timeoutMs: 50 });
    expect(result).toMatchObject({ exitCode: -1, timedOut: true });
    expect(connection.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives -1 when the connection closes without a status', async () => {
    const { exec } = transport({ stdout: 'partial' });
    await expect(execInPod(exec, target, ['true'])).resolves.toMatchObject({
      exitCode: -1,
      stdout: 'partial',
    });
  });
});

describe(exitCodeOf.name, () => {
  it.each([
    [SUCCESS, 0],
    [exitWith(1), 1],
    [exitWith(137), 137],
    [CANNOT_START, -1],
    [{ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [] } }, -1],
    [undefined, -1],
  ])('%j → %i', (status, code) => {
    expect(exitCodeOf(status)).toBe(code);
  });
});
