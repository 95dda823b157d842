import { CannotCheckError } from '../check-errors.js';
import type { CheckEvaluator, CheckOutcome, CheckSpecOf } from '../check-evaluator.js';
import { endpointsOf, getService, type ServicePortView } from '../../kube/cluster-objects.js';
import { resolveNode } from '../refs/node-ref.js';
import { chainHash, servicePortName } from '../kube-proxy/chain-names.js';
import { option, parseIptablesSave, type IptablesRule } from '../kube-proxy/iptables-save.js';
import { failure, verdict } from '../outcome.js';
import { joinHostPort } from '../../clusters/probe/agnhost-connect.js';
import { execOnNode } from '../probe/tool-exec.js';
import type { GradeInput } from '../step-grader.js';

const COMMAND = ['iptables-save', '-t', 'nat'];
const EXEC_TIMEOUT_MS = 15_000;

interface PortRules {
  port: string;
  chain: string | null;
  endpoints: string[];
}

/**
 * kube-proxy in iptables mode: for each service port, KUBE-SERVICES jumps from the ClusterIP to a
 * KUBE-SVC chain whose KUBE-SEP chains DNAT to one ready endpoint each
 * (kube-proxy pkg/proxy/iptables/proxier.go). The expected endpoints come from the
 * live EndpointSlices; the node's `iptables-save -t nat` shows what kube-proxy made of them.
 */
export class KubeProxyRulesCheck implements CheckEvaluator<'kubeProxyRules'> {
  readonly kind = 'kubeProxyRules' as const;

  async evaluate(spec: CheckSpecOf<'kubeProxyRules'>, input: GradeInput): Promise<CheckOutcome> {
    const mode = input.lab.cluster.kubeProxyMode;
    if (mode !== 'iptables') {
      throw new CannotCheckError(
        `kube-proxy läuft in diesem Lab im Modus „${mode}“, nicht „iptables“. Bitte gib der Kursleitung Bescheid.`,
      );
    }
    const { namespace, name } = spec.service;
    const kube = await input.kube();
    const service = await getService(kube, namespace, name);
    if (!service) {
      return failure(spec, `Den Service „${name}“ im Namespace „${namespace}“ gibt es nicht.`);
    }
    const [clusterIP] = service.clusterIPs;
    const ports = service.ports.filter(
      (p) => spec.port === undefined || p.name === spec.port || p.port === spec.port,
    );
    if (!clusterIP || ports.length === 0) {
      throw new CannotCheckError(
        `Der Service „${namespace}/${name}“ hat ${clusterIP ? `keinen Port „${String(spec.port)}“` : 'keine ClusterIP'}, also auch keine kube-proxy-Regeln. Bitte gib der Kursleitung Bescheid.`,
      );
    }
    const ready = (await endpointsOf(kube, namespace, name)).filter((e) => e.ready);
    const handle = await input.handle();
    const node = await resolveNode(handle, spec.node);
    const where = `auf dem Knoten „${node.name}“`;
    const result = await execOnNode(handle, node.name, COMMAND, EXEC_TIMEOUT_MS);
    if (result.exitCode !== 0) {
      throw new CannotCheckError(`iptables-save ist ${where} gescheitert.`, result.stderr.trim());
    }
    const chains = parseIptablesSave(result.stdout);

    const expected: PortRules[] = [];
    const observed: PortRules[] = [];
    const problems: string[] = [];
    for (const port of ports) {
      const spn = servicePortName(namespace, name, port.name);
      const label = `${spn} (${clusterIP}:${port.port}/${port.protocol})`;
      const want = ready
        .flatMap((e) => {
          const target = e.ports.find(
            (p) => p.name === (port.name ?? '') && p.protocol === port.protocol,
          );
          return target ? [joinHostPort(e.ip, target.port)] : [];
        })
        .sort();
      const found = rulesFor(chains, clusterIP, port);
      expected.push({
        port: label,
        chain: `KUBE-SVC-${chainHash(spn, port.protocol)}`,
        endpoints: [...new Set(want)],
      });
      observed.push({ port: label, ...found });
      if (want.length === 0) {
        problems.push(`${label} hat keinen bereiten Endpunkt, daher gibt es keine KUBE-SVC-Kette`);
      } else if (!found.chain) {
        problems.push(`für ${label} fehlt der Sprung aus KUBE-SERVICES`);
      } else {
        const missing = want.filter((e) => !found.endpoints.includes(e));
        const extra = found.endpoints.filter((e) => !want.includes(e));
        if (missing.length)
          problems.push(`${found.chain} hat keine KUBE-SEP-Kette für ${missing.join(', ')}`);
        if (extra.length)
          problems.push(
            `${found.chain} führt noch zu ${extra.join(', ')}, das kein bereiter Endpunkt ist`,
          );
      }
    }
    return verdict(spec, problems.length === 0, {
      pass: `Die kube-proxy-Regeln ${where} führen für ${observed.map((o) => `${o.chain ?? ''} zu ${o.endpoints.length} KUBE-SEP-Kette(n)`).join(', ')} – eine je bereitem Endpunkt.`,
      fail: `Die kube-proxy-Regeln ${where}: ${problems.join('; ')}.`,
      expected: { ports: expected },
      observed: { node: node.name, ports: observed },
    });
  }
}

/** The KUBE-SVC (or KUBE-SVL) chain for ClusterIP:port and the DNAT target of each of its KUBE-SEP chains. */
function rulesFor(
  chains: Map<string, IptablesRule[]>,
  clusterIP: string,
  port: ServicePortView,
): { chain: string | null; endpoints: string[] } {
  const jump = (chains.get('KUBE-SERVICES') ?? []).find(
    (r) =>
      option(r, '-d')?.replace(/\/(32|128)$/, '') === clusterIP &&
      option(r, '-p') === port.protocol.toLowerCase() &&
      option(r, '--dport') === String(port.port) &&
      /^KUBE-SV[CL]-/.test(option(r, '-j') ?? ''),
  );
  const chain = jump ? (option(jump, '-j') ?? null) : null;
  const seps = new Set(
    (chain ? (chains.get(chain) ?? []) : [])
      .map((r) => option(r, '-j') ?? '')
      .filter((target) => target.startsWith('KUBE-SEP-')),
  );
  const endpoints = [...seps].flatMap((sep) =>
    (chains.get(sep) ?? []).flatMap((r) => {
      const destination = option(r, '--to-destination');
      return destination ? [destination] : [];
    }),
  );
  return { chain, endpoints: [...new Set(endpoints)].sort() };
}
