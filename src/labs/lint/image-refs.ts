import type { KubeObject } from '../../kube/kube-reader.js';

/** Where in a workload the pod template sits, by kind. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Every container image a manifest object names (containers, initContainers, ephemeral). */
export function imagesOf(object: KubeObject): string[] {
  const path = POD_SPEC_PATHS[String(object.kind)];
  if (!path) return [];
  let spec: unknown = object;
  for (const key of path) spec = (spec as Record<string, unknown> | undefined)?.[key];
  const podSpec = (spec ?? {}) as Record<string, unknown>;
  return ['containers', 'initContainers', 'ephemeralContainers'].flatMap((field) =>
    (Array.isArray(podSpec[field]) ? (podSpec[field] as Record<string, unknown>[]) : []).map((c) =>
      typeof c.image === 'string' ? c.image : '',
    ),
  );
}

/** `--image=<ref>` / `--image <ref>` in a shell script (kubectl run, kubectl create deployment). */
export function imagesInScript(script: string): string[] {
  return [...script.matchAll(/--image[= ]['"]?([^\s'"]+)/g)].map((m) => m[1] ?? '');
}

/**
 * Pinned means a digest, or a tag other than `latest`: an untagged or `latest` image changes
 * under the lab, and a learner's cluster then behaves differently from the one it was written for.
 */
export function isPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag.length > 0 && tag !== 'latest';
}
