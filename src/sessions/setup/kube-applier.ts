import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import type { KubeObject } from '../../grading/kube/kube-reader.js';

/** Applies objects the way `kubectl apply --server-side` does. */
export interface KubeApplier {
  apply(object: KubeObject): Promise<void>;
}

export class ClientNodeKubeApplier implements KubeApplier {
  private constructor(private readonly api: KubernetesObjectApi) {}

  static fromKubeConfig(kubeConfig: string): ClientNodeKubeApplier {
    const config = new KubeConfig();
    config.loadFromString(kubeConfig);
    return new ClientNodeKubeApplier(KubernetesObjectApi.makeApiClient(config));
  }

  async apply(object: KubeObject): Promise<void> {
    await this.api.patch(
      object,
      undefined,
      undefined,
      'kubelab',
      true,
      PatchStrategy.ServerSideApply,
    );
  }
}
