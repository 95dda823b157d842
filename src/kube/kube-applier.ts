import { ApiException, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { kubeConfigFrom } from './kube-config.js';
import type { KubeObject, ObjectRef } from './kube-reader.js';

/** Applies objects the way `kubectl apply --server-side` does, and deletes them. */
export interface KubeApplier {
  /** `fieldManager` (default `kubelab`) owns the fields; apply drops its fields left out. */
  apply(object: KubeObject, fieldManager?: string): Promise<void>;
  /** Idempotent: an object that does not exist is no error. */
  delete(ref: ObjectRef): Promise<void>;
}

export class ClientNodeKubeApplier implements KubeApplier {
  private constructor(private readonly api: KubernetesObjectApi) {}

  static fromKubeConfig(kubeConfig: string): ClientNodeKubeApplier {
    return new ClientNodeKubeApplier(KubernetesObjectApi.makeApiClient(kubeConfigFrom(kubeConfig)));
  }

  async apply(object: KubeObject, fieldManager = 'kubelab'): Promise<void> {
    await this.api.patch(
      object,
      undefined,
      undefined,
      fieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );
  }

  async delete(ref: ObjectRef): Promise<void> {
    const { apiVersion, kind, name, namespace } = ref;
    try {
      await this.api.delete({ apiVersion, kind, metadata: { name, namespace } });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return;
      throw error;
    }
  }
}
