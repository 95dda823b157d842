import { Injectable } from '@nestjs/common';
import { ClientNodeKubeReader, type KubeReader } from './kube-reader.js';
import { ClientNodeKubeApplier, type KubeApplier } from './kube-applier.js';

/** Makes API clients from a cluster's kubeconfig; replaced by fakes in tests. */
@Injectable()
export class KubeClients {
  applier(kubeConfig: string): KubeApplier {
    return ClientNodeKubeApplier.fromKubeConfig(kubeConfig);
  }

  reader(kubeConfig: string): KubeReader {
    return ClientNodeKubeReader.fromKubeConfig(kubeConfig);
  }
}
