import type { PodInfo } from './policy-model.js';
import { describePeer, describePolicyPort, portMatches } from './rule-match.js';

describe(portMatches.name, () => {
  const web: PodInfo = {
    namespace: 'x',
    name: 'web',
    labels: {},
    ports: [
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ],
  };

  it.each([
    [{ protocol: 'TCP' }, 1234, 'TCP', true],
    [{ protocol: 'TCP' }, 1234, 'UDP', false],
    [{ protocol: 'TCP', port: 80 }, 80, 'TCP', true],
    [{ protocol: 'SCTP', port: 80 }, 80, 'TCP', false],
    [{ protocol: 'TCP', port: 8000, endPort: 9000 }, 8080, 'TCP', true],
    [{ protocol: 'TCP', port: 8000, endPort: 9000 }, 9001, 'TCP', false],
    [{ protocol: 'TCP', port: 'http' }, 8080, 'TCP', true],
    [{ protocol: 'TCP', port: 'http' }, 80, 'TCP', false],
    [{ protocol: 'UDP', port: 'dns' }, 53, 'UDP', true],
    [{ protocol: 'TCP', port: 'dns' }, 53, 'TCP', false],
    [{ protocol: 'TCP', port: 'metrics' }, 9090, 'TCP', false],
  ] as const)('%j admits %s/%s to the pod: %s', (rulePort, port, protocol, expected) => {
    expect(portMatches(rulePort, web, port, protocol)).toBe(expected);
  });
});

describe(describePeer.name, () => {
  const selector = (app: string) => ({ matchLabels: { app }, matchExpressions: [] });

  it('names selectors, the namespace of a bare podSelector, and ipBlocks', () => {
    expect(describePeer({ kind: 'selector', podSelector: selector('a') }, 'x')).toBe(
      'podSelector app=a im Namespace x',
    );
    expect(
      describePeer(
        { kind: 'selector', namespaceSelector: selector('n'), podSelector: selector('a') },
        'x',
      ),
    ).toBe('namespaceSelector app=n + podSelector app=a');
    expect(
      describePeer(
        { kind: 'ipBlock', ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
        'x',
      ),
    ).toBe('ipBlock 10.0.0.0/8 außer 10.1.0.0/16');
  });

  it('writes ports with ranges and protocol', () => {
    expect(describePolicyPort({ protocol: 'UDP' })).toBe('alle Ports/UDP');
    expect(describePolicyPort({ protocol: 'TCP', port: 8000, endPort: 8080 })).toBe(
      '8000-8080/TCP',
    );
  });
});
