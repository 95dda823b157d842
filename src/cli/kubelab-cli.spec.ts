import { list, namespace, networkPolicy, pod } from '../../test/support/k8s-objects.js';
import type { CliIo } from './cli-io.js';
import { runKubelabCli } from './kubelab-cli.js';

const objects = list(
  namespace('x'),
  namespace('y'),
  pod('x/a', { ip: '10.244.1.10' }),
  pod('y/b', { ip: '10.244.2.11' }),
  networkPolicy('y/deny', { ingress: [] }),
);

const manifests = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-egress, namespace: x}
spec: {podSelector: {}, policyTypes: [Egress]}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: y}
`;

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files: Record<string, string> = {
    'objects.json': JSON.stringify(objects),
    'manifests.yaml': manifests,
    'broken.json': '{"items": [',
    'invalid.json': JSON.stringify(networkPolicy('x/p', { policyTypes: ['Sideways'] })),
  };
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
  };
  const code = runKubelabCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe(runKubelabCli.name, () => {
  describe('netpol reach', () => {
    it('prints a truth table by default', () => {
      const { code, out, err } = run('netpol', 'reach', '-f', 'objects.json', '--port', '80');
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toBe(
        [
          'Port 80/TCP (Zeilen: von, Spalten: zu; . = erlaubt, X = blockiert)',
          '-    x/a  y/b',
          'x/a  .    X',
          'y/b  .    X',
        ].join('\n'),
      );
    });

    it('prints JSON with --format json', () => {
      const { code, out } = run(
        'netpol',
        'reach',
        '-f',
        'objects.json',
        '--port',
        '53',
        '--protocol',
        'udp',
        '--format',
        'json',
      );
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual([
        { from: 'x/a', to: 'x/a', port: 53, protocol: 'UDP', allowed: true },
        { from: 'x/a', to: 'y/b', port: 53, protocol: 'UDP', allowed: false },
        { from: 'y/b', to: 'x/a', port: 53, protocol: 'UDP', allowed: true },
        { from: 'y/b', to: 'y/b', port: 53, protocol: 'UDP', allowed: false },
      ]);
    });

    it('reads YAML manifests as well', () => {
      const { code, out } = run('netpol', 'reach', '-f', 'manifests.yaml', '--port', '80');
      expect(code).toBe(0);
      expect(out.split('\n').slice(2)).toEqual(['x/a  X    X', 'y/b  .    .']);
    });
  });

  describe('netpol explain', () => {
    const explain = (from: string, to: string) =>
      run('netpol', 'explain', '-f', 'objects.json', '--from', from, '--to', to, '--port', '80');

    it('explains one connection in German', () => {
      const { code, out } = explain('x/a', 'y/b');
      expect(code).toBe(0);
      expect(out).toContain('Verbindung x/a → y/b auf Port 80/TCP: blockiert.');
      expect(out).toContain('Keine Ingress-Regel von y/b erlaubt Port 80/TCP von x/a.');
      expect(out).toContain('y/deny hat keine Ingress-Regeln');
    });

    it('fails with exit code 1 on an unknown pod', () => {
      const { code, err } = explain('x/zz', 'y/b');
      expect(code).toBe(1);
      expect(err).toContain('Pod x/zz nicht gefunden');
    });
  });

  it.each([
    [[], 'Usage: kubelab <command>'],
    [['nope'], 'unknown command "nope"'],
    [['netpol'], 'missing command'],
    [['netpol', 'watch'], 'unknown netpol command "watch"'],
    [['netpol', 'reach', '--port', '80'], '-f/--file is required'],
    [['netpol', 'reach', '-f', 'objects.json'], '--port is required'],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '0'], '--port must be a number'],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '80x'], '--port must be a number'],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '80', '--protocol', 'ICMP'], '--protocol'],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '80', '--format', 'csv'], '--format'],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '80', '--from', 'x/a'], 'explain'],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '80', '--verbose'], "'--verbose'"],
    [['netpol', 'reach', '-f', 'objects.json', '--port', '80', 'extra'], 'extra'],
    [['netpol', 'explain', '-f', 'objects.json', '--port', '80', '--to', 'y/b'], '--from <ns/pod>'],
    [
      ['netpol', 'explain', '-f', 'o.json', '--port', '80', '--from', 'a', '--to', 'y/b'],
      '<namespace>/<pod>',
    ],
  ])('exits 2 with usage on %j', (argv, message) => {
    const { code, err, out } = run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage: kubelab');
    expect(out).toBe('');
  });

  it.each([
    [['--help'], 'Commands:'],
    [['netpol', '--help'], 'kubelab netpol explain'],
    [['netpol', 'reach', '-h'], 'kubelab netpol reach'],
  ])('prints help for %j on stdout with exit code 0', (argv, text) => {
    const { code, out } = run(...argv);
    expect(code).toBe(0);
    expect(out).toContain(text);
  });

  it.each([
    ['missing.json', 'cannot read missing.json: ENOENT'],
    ['broken.json', 'broken.json: Kein gültiges JSON'],
    ['invalid.json', 'invalid.json: NetworkPolicy x/p: spec.policyTypes.0'],
  ])('exits 1 when %s cannot be read or understood', (file, message) => {
    const { code, err } = run('netpol', 'reach', '-f', file, '--port', '80');
    expect(code).toBe(1);
    expect(err).toContain(message);
    expect(err).not.toContain('Usage');
  });
});
