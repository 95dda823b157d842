import fs from 'node:fs';
import path from 'node:path';
import {
  KubeApiError,
  type KubeObject,
  type KubeReader,
  type ListRef,
  type ObjectRef,
} from '../../src/kube/kube-reader.js';

export const CLUSTER_STATE_DIR = path.resolve('test/fixtures/cluster-state');

/** The items of a recorded `List` in test/fixtures/cluster-state (see its README). */
export function clusterState(name: string): KubeObject[] {
  const file = path.join(CLUSTER_STATE_DIR, `${name}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { items: KubeObject[] }).items;
}

/** The kinds a kind cluster serves, as discovery would list them. */
const KINDS: Record<string, string[]> = {
  v1: ['Pod', 'Service', 'Node', 'Namespace', 'ConfigMap', 'Endpoints'],
  'apps/v1': ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'networking.k8s.io/v1': ['NetworkPolicy', 'Ingress'],
};

/**
 * A stand-in for a cluster's API over recorded objects. Later objects replace earlier ones of the
 * same kind, namespace and name, so `FakeKube.of('kind-base', 'lab-untouched', 'lab-solved')` is
 * the cluster after the reference solution. Label selectors are evaluated as the API server does.
 */
export class FakeKube implements KubeReader {
  readonly requests: (ObjectRef | ListRef)[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private failure?: KubeApiError;

  constructor(objects: KubeObject[] = []) {
    for (const object of objects) this.objects.set(keyOf(object), object);
  }

  static of(...states: string[]): FakeKube {
    return new FakeKube(states.flatMap(clusterState));
  }

  /** Every request fails the way an API server that does not answer fails. */
  static unreachable(): FakeKube {
    const kube = new FakeKube();
    kube.failure = new KubeApiError('connect ECONNREFUSED 127.0.0.1:6443', 'unreachable');
    return kube;
  }

  with(...objects: KubeObject[]): this {
    for (const object of objects) this.objects.set(keyOf(object), object);
    return this;
  }

  without(kind: string, namespace: string | undefined, name: string): this {
    this.objects.delete(`${kind}/${namespace ?? ''}/${name}`);
    return this;
  }

  get(ref: ObjectRef): Promise<KubeObject | undefined> {
    this.requests.push(ref);
    this.assertServed(ref);
    const namespace = this.isNamespaced(ref.kind) ? (ref.namespace ?? 'default') : '';
    return Promise.resolve(this.objects.get(`${ref.kind}/${namespace}/${ref.name}`));
  }

  list(ref: ListRef): Promise<KubeObject[]> {
    this.requests.push(ref);
    this.assertServed(ref);
    const matches = [...this.objects.values()].filter((o) => {
      const meta = metadataOf(o);
      return (
        o.kind === ref.kind &&
        (ref.namespace === undefined || meta.namespace === ref.namespace) &&
        (ref.labelSelector === undefined || selects(ref.labelSelector, meta.labels ?? {}))
      );
    });
    return Promise.resolve(matches);
  }

  private assertServed(ref: { apiVersion: string; kind: string }): void {
    if (this.failure) throw this.failure;
    if (!KINDS[ref.apiVersion]?.includes(ref.kind)) {
      throw new KubeApiError('unknown kind', 'unknown-kind', ref.apiVersion, ref.kind);
    }
  }

  private isNamespaced(kind: string): boolean {
    return kind !== 'Node' && kind !== 'Namespace';
  }
}

interface Metadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}

function metadataOf(object: KubeObject): Metadata {
  return object.metadata ?? {};
}

function keyOf(object: KubeObject): string {
  const meta = metadataOf(object);
  return `${String(object.kind)}/${meta.namespace ?? ''}/${meta.name ?? ''}`;
}

/** Kubernetes' label selector syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`. */
export function selects(selector: string, labels: Record<string, string>): boolean {
  return splitRequirements(selector).every((requirement) => {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => v.trim());
      const present = (set[1] ?? '') in labels;
      const inSet = present && values.includes(labels[set[1] ?? ''] ?? '');
      return set[2] === 'in' ? inSet : !inSet;
    }
    const equality = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement);
    if (equality) {
      const [, key = '', op, value] = equality;
      return op === '!=' ? labels[key] !== value : labels[key] === value;
    }
    if (requirement.startsWith('!')) return !(requirement.slice(1).trim() in labels);
    return requirement in labels;
  });
}

function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of selector) {
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
