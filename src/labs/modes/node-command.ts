import { isIP } from 'node:net';

/**
 * What `knoten <node> <command…>` may run in a node on a learner's behalf in shared mode: read-only
 * commands that show the node's network state, each with the few options labs use. Anything else
 * is refused. The argv that passes is run as it is, never through a shell.
 */
export type NodeCommand =
  { ok: true; node: string; argv: string[] } | { ok: false; message: string };

/** The German list a refusal ends with; also what `knoten` alone prints. */
export const NODE_COMMANDS_HELP = [
  'So rufst du „knoten“ auf: knoten <Knoten> <Befehl>, z. B. knoten worker ip route',
  'Erlaubt sind nur diese Befehle, und sie lesen nur:',
  '  iptables-save [-c] [-t nat|filter|mangle|raw]',
  '  ip [-j] [-4|-6] [-d] [-s] [-br] route|addr|link|neigh [show …]',
  '  ip route get <IP-Adresse>',
  '  conntrack -L [-d IP] [-s IP] [-p tcp|udp|icmp] [--dport N] [--sport N]',
  '  cat <Datei>   mit /etc/resolv.conf, /etc/hosts, /etc/cni/net.d/<Datei>,',
  '                /var/lib/kubelet/config.yaml, /var/lib/kubelet/kubeadm-flags.env,',
  '                /etc/kubernetes/manifests/<Komponente>.yaml',
  '  ls /etc/cni/net.d',
  '  sysctl net.<Schlüssel>   z. B. sysctl net.ipv4.ip_forward',
  'Pipes wie „| grep KUBE-SVC“ gehen: sie laufen in deinem Terminal, nicht auf dem Knoten.',
].join('\n');

const NODE_WORD = /^[a-z0-9]([a-z0-9.-]{0,62})$/;
const IFNAME = /^[A-Za-z0-9._-]{1,15}$/;
const CIDR = /^[0-9a-fA-F.:]+\/\d{1,3}$/;

const READABLE_FILES = new Set([
  '/etc/resolv.conf',
  '/etc/hosts',
  '/var/lib/kubelet/config.yaml',
  '/var/lib/kubelet/kubeadm-flags.env',
  '/etc/kubernetes/manifests/kube-apiserver.yaml',
  '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  '/etc/kubernetes/manifests/kube-scheduler.yaml',
  '/etc/kubernetes/manifests/etcd.yaml',
]);
const CNI_DIR = '/etc/cni/net.d';

class Refused extends Error {}

function refuse(reason: string): never {
  throw new Refused(reason);
}

export function parseNodeCommand(args: readonly string[]): NodeCommand {
  try {
    const [node, program, ...rest] = args;
    if (node === undefined) refuse('Es fehlen der Knoten und der Befehl.');
    if (!NODE_WORD.test(node))
      refuse(`„${printable(node)}“ ist kein Knotenname wie control-plane oder worker.`);
    if (program === undefined) refuse(`Es fehlt der Befehl für den Knoten ${node}.`);
    const argv = commandArgv(program, rest);
    return { ok: true, node, argv };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { ok: false, message: `${error.message}\n\n${NODE_COMMANDS_HELP}` };
  }
}

function commandArgv(program: string, args: string[]): string[] {
  switch (program) {
    case 'iptables-save':
      return ['iptables-save', ...iptablesSave(args)];
    case 'ip':
      return ['ip', ...ip(args)];
    case 'conntrack':
      return ['conntrack', ...conntrack(args)];
    case 'cat':
      return ['cat', ...cat(args)];
    case 'ls':
      return ['ls', ...ls(args)];
    case 'sysctl':
      return ['sysctl', ...sysctl(args)];
    default:
      return refuse(`„${printable(program)}“ führt knoten nicht aus.`);
  }
}

function iptablesSave(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-c' || arg === '--counters') out.push(arg);
    else if (arg === '-t' || arg === '--table') out.push('-t', table(args[++i]));
    else if (arg.startsWith('--table=')) out.push('-t', table(arg.slice('--table='.length)));
    else unknownOption('iptables-save', arg);
  }
  return out;
}

function table(value: string | undefined): string {
  if (value && ['nat', 'filter', 'mangle', 'raw'].includes(value)) return value;
  return refuse(`iptables-save kennt die Tabelle „${printable(value ?? '')}“ nicht.`);
}

const IP_FLAGS = new Map([
  ['-j', '-j'],
  ['-json', '-j'],
  ['-p', '-p'],
  ['-pretty', '-p'],
  ['-4', '-4'],
  ['-6', '-6'],
  ['-d', '-d'],
  ['-details', '-d'],
  ['-s', '-s'],
  ['-stats', '-s'],
  ['-br', '-br'],
  ['-brief', '-br'],
  ['-o', '-o'],
  ['-oneline', '-o'],
]);

const IP_OBJECTS = new Map([
  ['route', 'route'],
  ['r', 'route'],
  ['ro', 'route'],
  ['addr', 'addr'],
  ['address', 'addr'],
  ['a', 'addr'],
  ['link', 'link'],
  ['l', 'link'],
  ['neigh', 'neigh'],
  ['neighbor', 'neigh'],
  ['neighbour', 'neigh'],
  ['n', 'neigh'],
]);

function ip(args: string[]): string[] {
  let i = 0;
  const flags: string[] = [];
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const flag = IP_FLAGS.get(args[i]);
    if (!flag) unknownOption('ip', args[i]);
    flags.push(flag);
  }
  const object = IP_OBJECTS.get(args[i] ?? '');
  if (!object)
    refuse(
      args[i] === undefined
        ? 'ip braucht, was es zeigen soll: route, addr, link oder neigh.'
        : `ip ${printable(args[i])} führt knoten nicht aus, nur route, addr, link und neigh.`,
    );
  const rest = args.slice(i + 1);
  const [verb, ...selectors] = rest;
  if (verb === undefined) return [...flags, object];
  if (object === 'route' && verb === 'get') return [...flags, 'route', 'get', address(selectors)];
  if (!['show', 'list', 'ls'].includes(verb))
    refuse(
      `ip ${object} ${printable(verb)} ändert etwas oder führt knoten nicht aus; nur „show“ geht.`,
    );
  return [...flags, object, 'show', ...ipSelectors(object, selectors)];
}

function address(args: string[]): string {
  if (args.length === 1 && isIP(args[0])) return args[0];
  return refuse('ip route get braucht genau eine IP-Adresse, z. B. ip route get 10.244.1.5.');
}

/** `dev X`, `table T`, `via IP`, and one prefix (route) or interface (addr, link). */
function ipSelectors(object: string, args: string[]): string[] {
  const out: string[] = [];
  let positional = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const value = args[i + 1];
    if (SELECTOR_KEYWORDS.has(word)) {
      if (!value || !selectorValue(object, word, value))
        refuse(
          `ip ${object} show versteht „${printable([word, value ?? ''].join(' ').trim())}“ hier nicht.`,
        );
      out.push(word, value);
      i++;
    } else if (!positional && object === 'route' && (isIP(word) || CIDR.test(word))) {
      out.push(word);
      positional = true;
    } else if (!positional && (object === 'addr' || object === 'link') && IFNAME.test(word)) {
      out.push(word);
      positional = true;
    } else refuse(`ip ${object} show versteht „${printable(word)}“ hier nicht.`);
  }
  return out;
}

const SELECTOR_KEYWORDS = new Set(['dev', 'table', 'via']);

function selectorValue(object: string, keyword: string, value: string): boolean {
  if (keyword === 'dev') return IFNAME.test(value);
  if (object !== 'route') return false;
  return keyword === 'table' ? /^(main|local|all|\d{1,10})$/.test(value) : isIP(value) !== 0;
}

function conntrack(args: string[]): string[] {
  const [action, ...rest] = args;
  if (action !== '-L' && action !== '--dump')
    refuse('conntrack nur mit -L: die Tabelle lesen, nichts ändern.');
  const out = ['-L'];
  for (let i = 0; i < rest.length; i++) {
    const option = rest[i];
    const value = rest[i + 1];
    if (
      [
        '-d',
        '--dst',
        '--orig-dst',
        '-s',
        '--src',
        '--orig-src',
        '-r',
        '--reply-src',
        '-q',
        '--reply-dst',
      ].includes(option)
    ) {
      if (!value || !isIP(value)) refuse(`conntrack ${option} braucht eine IP-Adresse.`);
      out.push(option, value);
      i++;
    } else if (option === '-p' || option === '--proto') {
      if (!value || !['tcp', 'udp', 'icmp', 'sctp'].includes(value))
        refuse(`conntrack ${option} braucht tcp, udp, icmp oder sctp.`);
      out.push(option, value);
      i++;
    } else if (['--dport', '--sport', '--orig-port-dst', '--orig-port-src'].includes(option)) {
      if (!value || !/^\d{1,5}$/.test(value) || Number(value) > 65535)
        refuse(`conntrack ${option} braucht eine Portnummer.`);
      out.push(option, value);
      i++;
    } else if (option === '-f' || option === '--family') {
      if (value !== 'ipv4' && value !== 'ipv6')
        refuse(`conntrack ${option} braucht ipv4 oder ipv6.`);
      out.push(option, value);
      i++;
    } else if (
      option === '-n' ||
      option === '--src-nat' ||
      option === '-g' ||
      option === '--dst-nat'
    )
      out.push(option);
    else unknownOption('conntrack', option);
  }
  return out;
}

function cat(args: string[]): string[] {
  if (args.length === 0) refuse('cat braucht eine Datei.');
  for (const file of args) {
    if (!readableFile(file)) refuse(`Die Datei „${printable(file)}“ zeigt knoten nicht.`);
  }
  return args;
}

function readableFile(file: string): boolean {
  if (READABLE_FILES.has(file)) return true;
  const name = file.startsWith(`${CNI_DIR}/`) ? file.slice(CNI_DIR.length + 1) : undefined;
  return name !== undefined && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) && !name.includes('..');
}

function ls(args: string[]): string[] {
  const flags = args.filter((a) => a.startsWith('-'));
  const paths = args.filter((a) => !a.startsWith('-'));
  for (const flag of flags)
    if (!['-l', '-a', '-la', '-al'].includes(flag)) unknownOption('ls', flag);
  if (paths.length !== 1 || paths[0].replace(/\/$/, '') !== CNI_DIR)
    refuse(`ls zeigt knoten nur für ${CNI_DIR}.`);
  return [...flags, CNI_DIR];
}

function sysctl(args: string[]): string[] {
  if (args.length === 0) refuse('sysctl braucht einen Schlüssel, z. B. net.ipv4.ip_forward.');
  for (const key of args) {
    if (!/^net\.[A-Za-z0-9_.-]{1,100}$/.test(key) || key.includes('..'))
      refuse(`sysctl liest mit knoten nur Schlüssel unter net., nicht „${printable(key)}“.`);
  }
  return args;
}

function unknownOption(program: string, option: string): never {
  return refuse(`${program} mit „${printable(option)}“ führt knoten nicht aus.`);
}

/** What a learner typed, safe to echo: no control characters, not endless. */
function printable(word: string): string {
  const clean = word.replace(/[^\P{C}]/gu, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
