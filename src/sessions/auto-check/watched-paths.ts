import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { LoadedStep } from '../../labs/lab.types.js';

const PLURALS: Record<string, string> = {
  NetworkPolicy: 'networkpolicies',
  Ingress: 'ingresses',
  EndpointSlice: 'endpointslices',
  Endpoints: 'endpoints',
};

/** What a probe's outcome depends on: where pods are, what services point at, the policies. */
const TRAFFIC = [
  'v1/Pod',
  'v1/Service',
  'discovery.k8s.io/v1/EndpointSlice',
  'networking.k8s.io/v1/NetworkPolicy',
];

/** `apiVersion/Kind` of the objects a check reads; none for checks that read no API objects. */
function readKinds(check: CheckSpec): string[] {
  switch (check.kind) {
    case 'resource':
      return [`${check.object.apiVersion}/${check.object.kind}`];
    case 'policy':
      return ['v1/Pod', 'v1/Namespace', 'networking.k8s.io/v1/NetworkPolicy'];
    case 'connectivity':
    case 'reachability':
    case 'dns':
    case 'sourceIp':
      return TRAFFIC;
    case 'kubeProxyRules':
      return ['v1/Service', 'discovery.k8s.io/v1/EndpointSlice'];
    default:
      // answer: waits for the learner's input; nodeExec, transcript: change with commands.
      return [];
  }
}

/** The API watch paths (all namespaces) for the objects the steps' checks read, deduplicated. */
export function watchedPaths(steps: LoadedStep[]): string[] {
  const kinds = new Set(steps.flatMap((s) => s.checks.flatMap(readKinds)));
  const paths = [...kinds].map((apiVersionKind) => {
    const at = apiVersionKind.lastIndexOf('/');
    const apiVersion = apiVersionKind.slice(0, at);
    const kind = apiVersionKind.slice(at + 1);
    const plural = PLURALS[kind] ?? `${kind.toLowerCase()}s`;
    return apiVersion.includes('/')
      ? `/apis/${apiVersion}/${plural}`
      : `/api/${apiVersion}/${plural}`;
  });
  return paths.sort();
}

/** A step the background check can decide alone: it needs no typed answer from the learner. */
export function autoCheckable(step: LoadedStep): boolean {
  return !step.checks.some((c) => c.kind === 'answer');
}
