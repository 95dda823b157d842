import type { z } from 'zod';
import type { objectRef } from '../../labs/schema/common.schema.js';
import type { KubeObject, KubeReader } from '../../kube/kube-reader.js';

export type ObjectRefSpec = z.infer<typeof objectRef>;

/** The object a reference names (0 or 1), or every object its selector (or kind) picks. */
export async function readObjects(kube: KubeReader, ref: ObjectRefSpec): Promise<KubeObject[]> {
  const { apiVersion, kind, namespace } = ref;
  if (ref.name) {
    const object = await kube.get({
      apiVersion,
      kind,
      name: ref.name,
      ...(namespace ? { namespace } : {}),
    });
    return object ? [object] : [];
  }
  return kube.list({
    apiVersion,
    kind,
    ...(namespace ? { namespace } : {}),
    ...(ref.selector ? { labelSelector: ref.selector } : {}),
  });
}

/** German: `Pod „web“ im Namespace „lab“`, `Node mit „!node-role…“`. */
export function describeRef(ref: ObjectRefSpec): string {
  const where = ref.namespace ? ` im Namespace „${ref.namespace}“` : '';
  if (ref.name) return `${ref.kind} „${ref.name}“${where}`;
  if (ref.selector) return `${ref.kind} mit „${ref.selector}“${where}`;
  return `${ref.kind}${where}`;
}
