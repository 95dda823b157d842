import fs from 'node:fs';
import path from 'node:path';
import { CLUSTER_STATE_DIR } from '../../../test/support/fake-kube.js';
import { chainHash, servicePortName } from './chain-names.js';

interface Vector {
  servicePortName: string;
  protocol_lowercase: string;
  endpoint: string | null;
  hash16: string;
}

/** From kube-proxy's proxier_test.go, copied in test/fixtures/cluster-state/outputs/iptables-save/chain-hash-vectors.json. */
const { vectors } = JSON.parse(
  fs.readFileSync(
    path.join(CLUSTER_STATE_DIR, 'outputs/iptables-save/chain-hash-vectors.json'),
    'utf8',
  ),
) as { vectors: Vector[] };

describe(chainHash.name, () => {
  it.each(
    vectors.map((v) => [`${v.servicePortName} ${v.protocol_lowercase} ${v.endpoint ?? ''}`, v]),
  )('names the chain of %s as kube-proxy does', (_, v) => {
    expect(chainHash(v.servicePortName, v.protocol_lowercase, v.endpoint ?? '')).toBe(v.hash16);
  });

  it('lower-cases the protocol as kube-proxy does', () => {
    expect(chainHash('kube-system/kube-dns:dns', 'UDP')).toBe('TCOU7JCQXEZGVUNU');
  });
});

describe(servicePortName.name, () => {
  it('adds the port name only when the port has one', () => {
    expect(servicePortName('ns1', 'svc1', 'p80')).toBe('ns1/svc1:p80');
    expect(servicePortName('ns1', 'svc1')).toBe('ns1/svc1');
  });
});
