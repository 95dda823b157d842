import { recorded } from '../../../test/support/fake-environment-handle.js';
import { connectArgv, readConnectResult } from './agnhost-connect.js';

describe(readConnectResult.name, () => {
  it.each([
    ['tcp-connected', 'TCP', 'connected'],
    ['tcp-refused', 'TCP', 'REFUSED'],
    ['tcp-timeout', 'TCP', 'TIMEOUT'],
    ['tcp-other', 'TCP', 'OTHER'],
    ['tcp-dns', 'TCP', 'DNS'],
    ['udp-connected', 'UDP', 'connected'],
    ['udp-refused', 'UDP', 'REFUSED'],
    ['udp-timeout', 'UDP', 'TIMEOUT'],
    ['udp-local-drop', 'UDP', 'OTHER'],
  ] as const)('reads the recorded %s run as %s → %s', (run, protocol, result) => {
    expect(readConnectResult(recorded('agnhost-connect', run), protocol)).toBe(result);
  });

  it('finds the verdict among other lines, as kubectl exec adds its own', () => {
    const result = {
      exitCode: 1,
      stdout: '',
      stderr: 'TIMEOUT\ncommand terminated with exit code 1\n',
      timedOut: false,
    };

    expect(readConnectResult(result, 'TCP')).toBe('TIMEOUT');
  });

  it('does not take a misused or missing tool for a measurement', () => {
    const badArgs = {
      exitCode: 1,
      stdout: '',
      stderr: 'UNKNOWN: missing port in address\n',
      timedOut: false,
    };
    const noise = {
      exitCode: 1,
      stdout: '',
      stderr: 'Error: unknown flag: --timeot\n',
      timedOut: false,
    };

    expect(readConnectResult(badArgs, 'TCP')).toBeUndefined();
    expect(readConnectResult(noise, 'TCP')).toBeUndefined();
    expect(readConnectResult(recorded('agnhost-connect', 'missing'), 'TCP')).toBeUndefined();
  });
});

describe(connectArgv.name, () => {
  it('builds the argv the recordings were made with, IPv6 in brackets', () => {
    expect(connectArgv('172.18.0.1', 8080, 'TCP')).toEqual([
      '/agnhost',
      'connect',
      '172.18.0.1:8080',
      '--timeout=3s',
      '--protocol=tcp',
    ]);
    expect(connectArgv('fd00:10:244:1::5', 53, 'SCTP')).toEqual([
      '/agnhost',
      'connect',
      '[fd00:10:244:1::5]:53',
      '--timeout=3s',
      '--protocol=sctp',
    ]);
  });
});
