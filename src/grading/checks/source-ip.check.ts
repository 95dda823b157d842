import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { CannotCheckError } from '../check-errors.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import { listNodes } from '../../kube/cluster-objects.js';
import { resolveNode } from '../refs/node-ref.js';
import { probePods } from '../refs/pod-refs.js';
import { failure, verdict } from '../outcome.js';
import { askClientIp, gatewayOf, nodeClient, podClient, type Client } from '../probe/client-ip.js';
import { resolveTarget } from '../probe/probe-target.js';
import type { GradeInput } from '../step-grader.js';

type SourceIpSpec = Extract<CheckSpec, { kind: 'sourceIp' }>;
type SeenAs = 'client' | 'node' | 'unknown';

const EXPECTATION_TEXT: Record<SourceIpSpec['expect'], string> = {
  podIp: 'die Pod-IP des Clients (keine NAT)',
  nodeIp: 'eine Knoten-Adresse (SNAT)',
  clientIp: 'die Adresse des Clients selbst',
};
const SEEN_TEXT: Record<SeenAs, string> = {
  client: 'die Adresse des Clients',
  node: 'eine Knoten-Adresse',
  unknown: 'weder Client noch Knoten',
};

/**
 * Which source address a server sees: the client's own (podIp for a pod without NAT, clientIp
 * when e.g. `externalTrafficPolicy: Local` keeps it) or a node's (nodeIp: SNAT). A node's
 * addresses are its InternalIPs and the first address of its pod CIDR (see `gatewayOf`).
 */
export class SourceIpCheck implements CheckEvaluator<'sourceIp'> {
  readonly kind = 'sourceIp' as const;

  async evaluate(spec: SourceIpSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    if (spec.to.protocol !== 'TCP') throw labError('sourceIp prüft nur über TCP (HTTP)');
    if (spec.expect === 'podIp' && 'node' in spec.from) {
      throw labError('podIp braucht einen Pod als Client');
    }
    const kube = await input.kube();
    const handle = await input.handle();
    const nodes = await listNodes(kube);
    let clients: Client[];
    if ('node' in spec.from) {
      const node = await resolveNode(handle, spec.from.node);
      const addresses = nodes.find((n) => n.name === node.name)?.internalIPs ?? [];
      clients = [nodeClient(handle, node.name, addresses)];
    } else {
      clients = (await probePods(kube, spec.from)).map((pod) => podClient(handle, pod));
    }
    const namespace = 'node' in spec.from ? 'default' : spec.from.namespace;
    const resolution = await resolveTarget(kube, spec.to, namespace);
    if ('missing' in resolution) {
      return failure(spec, resolution.missing, { observed: { target: 'missing' } });
    }

    const nodeAddresses = new Set(
      nodes.flatMap((n) => [...n.internalIPs, ...n.podCIDRs.flatMap(gatewayOf)]),
    );
    const seenAs = (client: Client, address: string): SeenAs =>
      client.addresses.includes(address)
        ? 'client'
        : nodeAddresses.has(address)
          ? 'node'
          : 'unknown';
    const wanted: SeenAs = spec.expect === 'nodeIp' ? 'node' : 'client';
    const seen: { client: Client; address?: string; error?: string }[] = [];
    for (const client of clients) {
      for (const target of resolution.targets) {
        seen.push({
          client,
          ...(await askClientIp(client, target.host, target.port ?? spec.to.port)),
        });
      }
    }
    const wrong = seen.find((s) => !s.address || seenAs(s.client, s.address) !== wanted);
    const shown = wrong ?? seen[0];
    const expectation = EXPECTATION_TEXT[spec.expect];
    let fail = '';
    if (wrong?.address) {
      fail = `Der Server sieht ${wrong.address} (${SEEN_TEXT[seenAs(wrong.client, wrong.address)]}); verlangt: ${expectation}.`;
    } else if (wrong) {
      fail = `Von ${wrong.client.label} aus war der Server nicht erreichbar${wrong.error ? ` (\`${wrong.error}\`)` : ''}.`;
    }
    return verdict(spec, !wrong, {
      pass: `Der Server sieht ${shown?.address ?? ''}: ${expectation}, wie verlangt.`,
      fail,
      value: shown?.address,
      expected: spec.expect,
      observed: shown && {
        from: shown.client.label,
        seen: shown.address ?? null,
        seenAs: shown.address ? seenAs(shown.client, shown.address) : 'unreachable',
        ...(shown.error ? { error: shown.error } : {}),
      },
    });
  }
}

function labError(reason: string): CannotCheckError {
  return new CannotCheckError(`${reason}. Bitte gib der Kursleitung Bescheid.`);
}
