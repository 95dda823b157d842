import { KubeConfig } from '@kubernetes/client-node';

/** client-node's KubeConfig from the text of a kubeconfig file (as `kind get kubeconfig` prints it). */
export function kubeConfigFrom(text: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromString(text);
  return config;
}
