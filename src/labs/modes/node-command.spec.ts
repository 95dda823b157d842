import { NODE_COMMANDS_HELP, parseNodeCommand } from './node-command.js';

const words = (line: string) => line.split(' ').filter(Boolean);
const parse = (line: string) => parseNodeCommand(words(line));

describe('parseNodeCommand', () => {
  it.each([
    ['worker iptables-save', ['iptables-save']],
    ['worker iptables-save -t nat', ['iptables-save', '-t', 'nat']],
    ['worker iptables-save --table=filter -c', ['iptables-save', '-t', 'filter', '-c']],
    ['control-plane ip route', ['ip', 'route']],
    ['kl-3f9a0c12-worker2 ip -j route show', ['ip', '-j', 'route', 'show']],
    ['worker ip -json -4 addr show dev eth0', ['ip', '-j', '-4', 'addr', 'show', 'dev', 'eth0']],
    ['worker ip r', ['ip', 'route']],
    ['worker ip route show 10.244.1.0/24', ['ip', 'route', 'show', '10.244.1.0/24']],
    ['worker ip route show table local', ['ip', 'route', 'show', 'table', 'local']],
    ['worker ip route list via 172.18.0.3', ['ip', 'route', 'show', 'via', '172.18.0.3']],
    ['worker ip route get 10.244.2.7', ['ip', 'route', 'get', '10.244.2.7']],
    ['worker ip -br link', ['ip', '-br', 'link']],
    ['worker ip link show veth1a2b3c4d', ['ip', 'link', 'show', 'veth1a2b3c4d']],
    ['worker ip neigh show dev eth0', ['ip', 'neigh', 'show', 'dev', 'eth0']],
    ['worker conntrack -L', ['conntrack', '-L']],
    [
      'worker conntrack --dump -d 10.96.0.10 -p udp --dport 53',
      ['conntrack', '-L', '-d', '10.96.0.10', '-p', 'udp', '--dport', '53'],
    ],
    ['worker conntrack -L -s 10.244.1.4 -n', ['conntrack', '-L', '-s', '10.244.1.4', '-n']],
    ['worker cat /etc/resolv.conf', ['cat', '/etc/resolv.conf']],
    [
      'worker cat /etc/cni/net.d/10-kindnet.conflist',
      ['cat', '/etc/cni/net.d/10-kindnet.conflist'],
    ],
    ['worker cat /var/lib/kubelet/config.yaml', ['cat', '/var/lib/kubelet/config.yaml']],
    [
      'control-plane cat /etc/kubernetes/manifests/kube-apiserver.yaml',
      ['cat', '/etc/kubernetes/manifests/kube-apiserver.yaml'],
    ],
    ['worker ls /etc/cni/net.d/', ['ls', '/etc/cni/net.d']],
    ['worker ls -l /etc/cni/net.d', ['ls', '-l', '/etc/cni/net.d']],
    ['worker sysctl net.ipv4.ip_forward', ['sysctl', 'net.ipv4.ip_forward']],
  ])('runs %s', (line, argv) => {
    expect(parse(line)).toEqual({ ok: true, node: words(line)[0], argv });
  });

  it.each([
    ['', 'Es fehlen der Knoten'],
    ['worker', 'Es fehlt der Befehl'],
    ['Worker ip route', 'kein Knotenname'],
    ['../x ip route', 'kein Knotenname'],
    ['worker;id ip route', 'kein Knotenname'],
    ['worker sh -c id', '„sh“ führt knoten nicht aus'],
    ['worker bash', '„bash“ führt knoten nicht aus'],
    ['worker iptables -t nat -F', '„iptables“ führt knoten nicht aus'],
    ['worker iptables-restore', '„iptables-restore“'],
    ['worker iptables-save -t security', 'Tabelle „security“'],
    ['worker iptables-save -t', 'Tabelle „“'],
    ['worker iptables-save -M /bin/sh', 'mit „-M“'],
    ['worker ip route add 10.0.0.0/8 via 1.2.3.4', 'ip route add ändert etwas'],
    ['worker ip route del default', 'ip route del ändert etwas'],
    ['worker ip route flush all', 'ip route flush'],
    ['worker ip link set eth0 down', 'ip link set'],
    ['worker ip addr add 10.0.0.1/24 dev eth0', 'ip addr add'],
    ['worker ip neigh flush all', 'ip neigh flush'],
    ['worker ip netns exec x sh', 'ip netns führt knoten nicht aus'],
    ['worker ip -n cni-1 route', 'ip mit „-n“'],
    ['worker ip -b /tmp/cmds', 'ip mit „-b“'],
    ['worker ip -force -b x', 'ip mit „-force“'],
    ['worker ip', 'ip braucht, was es zeigen soll'],
    ['worker ip route get', 'genau eine IP-Adresse'],
    ['worker ip route get web.lab', 'genau eine IP-Adresse'],
    ['worker ip route get 10.0.0.1 from 10.0.0.2', 'genau eine IP-Adresse'],
    ['worker ip route show dev eth0;id', 'versteht „dev eth0;id“'],
    ['worker ip route show 10.0.0.0/8 10.1.0.0/16', 'versteht „10.1.0.0/16“'],
    ['worker ip addr show dev', 'versteht „dev“'],
    ['worker conntrack', 'conntrack nur mit -L'],
    ['worker conntrack -D', 'conntrack nur mit -L'],
    ['worker conntrack -F', 'conntrack nur mit -L'],
    ['worker conntrack -E', 'conntrack nur mit -L'],
    ['worker conntrack -L -D', 'mit „-D“'],
    ['worker conntrack -L -d web', 'braucht eine IP-Adresse'],
    ['worker conntrack -L -p gre', 'tcp, udp, icmp oder sctp'],
    ['worker conntrack -L --dport 70000', 'Portnummer'],
    ['worker conntrack -L --dport', 'Portnummer'],
    ['worker conntrack -L -f ipx', 'ipv4 oder ipv6'],
    ['worker cat', 'cat braucht eine Datei'],
    ['worker cat /etc/shadow', 'Datei „/etc/shadow“'],
    ['worker cat /etc/kubernetes/admin.conf', 'Datei „/etc/kubernetes/admin.conf“'],
    ['worker cat /etc/kubernetes/pki/ca.key', 'Datei'],
    ['worker cat /etc/cni/net.d/../../shadow', 'Datei'],
    ['worker cat /etc/cni/net.d/sub/x', 'Datei'],
    ['worker cat /etc/cni/net.d/', 'Datei'],
    ['worker cat /etc/resolv.conf /etc/shadow', 'Datei „/etc/shadow“'],
    ['worker cat /etc/resolv.conf/../shadow', 'Datei'],
    ['worker ls /', 'nur für /etc/cni/net.d'],
    ['worker ls /etc/cni/net.d /root', 'nur für /etc/cni/net.d'],
    ['worker ls -R /etc/cni/net.d', 'ls mit „-R“'],
    ['worker sysctl -w net.ipv4.ip_forward=0', 'nur Schlüssel unter net.'],
    ['worker sysctl net.ipv4.ip_forward=0', 'nur Schlüssel unter net.'],
    ['worker sysctl kernel.hostname', 'nur Schlüssel unter net.'],
    ['worker sysctl -a', 'nur Schlüssel unter net.'],
    ['worker sysctl', 'sysctl braucht einen Schlüssel'],
  ])('refuses %j', (line, reason) => {
    const result = parse(line);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(reason);
    expect(result.message.endsWith(NODE_COMMANDS_HELP)).toBe(true);
  });

  it('refuses words a shell would treat specially, since nothing reaches a shell anyway', () => {
    expect(parseNodeCommand(['worker', 'cat', '/etc/resolv.conf', '|', 'sh'])).toMatchObject({
      ok: false,
    });
    expect(parseNodeCommand(['worker', 'ip', 'route', '$(id)'])).toMatchObject({ ok: false });
    expect(parseNodeCommand(['worker', 'cat', '/etc/res*'])).toMatchObject({ ok: false });
  });

  it('echoes what was typed without control characters and shortened', () => {
    const result = parseNodeCommand(['worker', `x\u001b]0;boom\u0007${'y'.repeat(80)}`]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const firstLine = result.message.split('\n')[0];
    expect(firstLine).not.toMatch(/\p{Cc}/u);
    expect(firstLine).toContain('…');
  });
});
