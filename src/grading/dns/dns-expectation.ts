import net from 'node:net';
import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { CannotCheckError } from '../check-errors.js';
import { endpointsOf, getService, podView } from '../../kube/cluster-objects.js';
import type { KubeReader } from '../../kube/kube-reader.js';

type DnsSpec = Extract<CheckSpec, { kind: 'dns' }>;

/** kind clusters use kubeadm's default DNS domain, and kubelab does not change it. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** What the answer must be: NXDOMAIN, or exactly these records (normalised), or why not known. */
export type DnsExpectation = { nxdomain: true } | { records: string[] } | { unknown: string };

/**
 * The expected answer, computed from the live objects as CoreDNS computes it
 * (kubernetes/dns docs/specification.md): a service's ClusterIP, a pod's IP, one record per
 * ready endpoint of a headless service (NXDOMAIN when there is none), SRV targets and PTR names.
 */
export async function expectedAnswer(kube: KubeReader, spec: DnsSpec): Promise<DnsExpectation> {
  const { expect, type } = spec;
  const family = type === 'AAAA' ? 6 : 4;
  const ofFamily = (ips: string[]) => ips.filter((ip) => net.isIP(ip) === family);
  if ('nxdomain' in expect) return { nxdomain: true };
  if ('addresses' in expect) {
    return { records: expect.addresses.map((a) => normalizeRecord(a, type)).sort() };
  }

  if ('podIp' in expect) {
    const { namespace, name } = expect.podIp;
    if (type !== 'A' && type !== 'AAAA') throw labError(`podIp passt nicht zu ${type}`);
    const object = await kube.get({ apiVersion: 'v1', kind: 'Pod', namespace, name });
    if (!object) return { unknown: `Den Pod „${name}“ im Namespace „${namespace}“ gibt es nicht.` };
    return { records: ofFamily(podView(object).ips).sort() };
  }

  const { namespace, name } = 'serviceIp' in expect ? expect.serviceIp : expect.endpointsOf;
  const service = await getService(kube, namespace, name);
  if (!service) {
    return { unknown: `Den Service „${name}“ im Namespace „${namespace}“ gibt es nicht.` };
  }
  const fqdn = `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
  if ('serviceIp' in expect) {
    if (type === 'SRV' || type === 'PTR') return { records: [fqdn] };
    // Which kind of service it is, is the learner's work in a lab that has them create it.
    if (service.clusterIPs.length === 0) {
      return {
        unknown: `Der Service „${name}“ im Namespace „${namespace}“ ist headless (clusterIP: None) und hat keine ClusterIP; verlangt ist ein Service mit ClusterIP.`,
      };
    }
    return { records: ofFamily(service.clusterIPs).sort() };
  }
  if (service.clusterIPs.length > 0) {
    return {
      unknown: `Der Service „${name}“ im Namespace „${namespace}“ hat die ClusterIP ${service.clusterIPs[0] ?? ''}; verlangt ist ein headless Service (clusterIP: None), dessen Name zu den Pod-IPs auflöst.`,
    };
  }
  const endpoints = (await endpointsOf(kube, namespace, name)).filter(
    (e) => e.ready || service.publishNotReadyAddresses,
  );
  if (type === 'PTR') throw labError('endpointsOf passt nicht zu PTR');
  if (type === 'SRV') {
    const names = endpoints.map((e) => `${e.hostname ?? e.ip.replace(/[.:]/g, '-')}.${fqdn}`);
    return names.length > 0 ? { records: [...new Set(names)].sort() } : { nxdomain: true };
  }
  const ips = [...new Set(ofFamily(endpoints.map((e) => e.ip)))].sort();
  return ips.length > 0 ? { records: ips } : { nxdomain: true };
}

/** `0 100 80 web.lab.svc.cluster.local.` → `web.lab.svc.cluster.local`; names lower case, no dot. */
export function normalizeRecord(data: string, type?: string): string {
  const value = type === 'SRV' ? (data.trim().split(/\s+/).at(-1) ?? '') : data.trim();
  return value.toLowerCase().replace(/\.$/, '');
}

function labError(reason: string): CannotCheckError {
  return new CannotCheckError(
    `Die Übung enthält einen Fehler in einer DNS-Prüfung (${reason}). Bitte gib der Kursleitung Bescheid.`,
  );
}
