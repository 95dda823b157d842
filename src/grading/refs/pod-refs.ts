import type { z } from 'zod';
import type { podRef } from '../../labs/schema/common.schema.js';
import { CannotCheckError } from '../check-errors.js';
import { podView, type PodView } from '../../kube/cluster-objects.js';
import type { KubeReader } from '../../kube/kube-reader.js';

export type PodRef = z.infer<typeof podRef>;

/** A pod a probe runs in, with the container the lab names (or the pod's default). */
export interface ProbePod extends PodView {
  container?: string;
}

/** The pods a reference names: the one pod by name (if it exists) or all a selector picks. */
export async function findPods(kube: KubeReader, ref: PodRef): Promise<PodView[]> {
  if (ref.pod) {
    const object = await kube.get({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: ref.namespace,
      name: ref.pod,
    });
    return object ? [podView(object)] : [];
  }
  const objects = await kube.list({
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: ref.namespace,
    ...(ref.selector ? { labelSelector: ref.selector } : {}),
  });
  return objects.map(podView).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The pods probes run in. They belong to the lab's setup, so one that is missing or not Ready
 * means the check cannot look: an error, never the learner's fail.
 */
export async function probePods(kube: KubeReader, ref: PodRef): Promise<ProbePod[]> {
  const pods = await findPods(kube, ref);
  if (pods.length === 0) {
    throw new CannotCheckError(
      ref.pod
        ? `Der Prüf-Pod „${ref.pod}“ im Namespace „${ref.namespace}“ fehlt, daher kann diese Prüfung nicht messen. Bitte gib der Kursleitung Bescheid.`
        : `Im Namespace „${ref.namespace}“ gibt es keinen Prüf-Pod mit „${ref.selector ?? ''}“, daher kann diese Prüfung nicht messen. Bitte gib der Kursleitung Bescheid.`,
    );
  }
  const notReady = pods.find((p) => p.phase !== 'Running' || !p.ready || p.ips.length === 0);
  if (notReady) {
    throw new CannotCheckError(
      `Der Prüf-Pod „${notReady.name}“ im Namespace „${notReady.namespace}“ ist noch nicht bereit (Phase ${notReady.phase}). Bitte prüfe gleich noch einmal.`,
    );
  }
  return pods.map((p) => ({ ...p, ...(ref.container ? { container: ref.container } : {}) }));
}
