import { recordedText } from '../../../test/support/fake-environment-handle.js';
import { negated, option, parseIptablesSave } from './iptables-save.js';

describe(parseIptablesSave.name, () => {
  const nat = parseIptablesSave(recordedText('iptables-save/nat.etp.txt'));

  it('groups the nat rules by chain, keeping quoted comments whole', () => {
    const svc = nat.get('KUBE-SVC-AQI2S6QIMU7PVVRP') ?? [];

    expect(svc).toHaveLength(7);
    expect(svc[0]?.words.slice(0, 6)).toEqual([
      '!',
      '-s',
      '10.0.0.0/8',
      '-d',
      '172.30.1.1/32',
      '-p',
    ]);
    expect(option(svc[0] ?? { chain: '', words: [] }, '--comment')).toBe('ns1/svc1 cluster IP');
    expect(negated(svc[0] ?? { chain: '', words: [] }, '-s')).toBe(true);
  });

  it('reads DNAT targets and jumps', () => {
    const [, dnat] = nat.get('KUBE-SEP-3JOIVZTXZZRGORX4') ?? [];

    expect(dnat && option(dnat, '--to-destination')).toBe('10.0.1.1:80');
    expect(dnat && option(dnat, '-j')).toBe('DNAT');
  });

  it('ignores other tables', () => {
    const text =
      '*filter\n-A KUBE-SERVICES -j REJECT\nCOMMIT\n*nat\n-A KUBE-SERVICES -j KUBE-NODEPORTS\nCOMMIT\n';

    expect(parseIptablesSave(text).get('KUBE-SERVICES')).toEqual([
      { chain: 'KUBE-SERVICES', words: ['-j', 'KUBE-NODEPORTS'] },
    ]);
  });
});
