import type { Provider } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.js';
import { KubeClients } from '../../kube/kube-clients.js';
import { AgnhostNetworkPolicyProof, NETWORK_POLICY_PROOF } from './network-policy-proof.js';

/**
 * Pods get as long as a lab's setup (the agnhost image may be pulled first); a new policy gets
 * ten probes (3 s timeout each, 1 s apart) to take effect: kindnet applies it within seconds.
 */
export const networkPolicyProofProvider: Provider = {
  provide: NETWORK_POLICY_PROOF,
  useFactory: (kube: KubeClients, config: AppConfigService) =>
    new AgnhostNetworkPolicyProof(kube, {
      pollMs: 1000,
      readyAttempts: config.get('KUBELAB_SETUP_TIMEOUT_SECONDS'),
      probeAttempts: 10,
    }),
  inject: [KubeClients, AppConfigService],
};
