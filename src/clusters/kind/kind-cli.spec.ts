import { kindEnv } from './kind-cli.js';

describe(kindEnv.name, () => {
  const server = {
    PATH: '/usr/local/bin:/usr/bin',
    HOME: '/home/kubelab',
    DOCKER_HOST: 'unix:///somewhere/else.sock',
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: '/etc/kubelab/docker-certs',
    KUBELAB_INSTRUCTOR_TOKEN: 'geheim-geheim-geheim',
    DATABASE_URL: 'file:/var/lib/kubelab/kubelab.db',
    KUBECONFIG: '/home/kubelab/.kube/config',
    KIND_CLUSTER_NAME: 'kind',
  };

  it('gives kind the cluster endpoint, its own network and only what the docker CLI needs', () => {
    expect(kindEnv(server, 'tcp://docker-2.example:2376', 'kl-3f9a0c1d')).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/kubelab',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/etc/kubelab/docker-certs',
      DOCKER_HOST: 'tcp://docker-2.example:2376',
      KIND_EXPERIMENTAL_DOCKER_NETWORK: 'kl-3f9a0c1d',
    });
  });

  it('sets no network variable without a network, and skips empty variables', () => {
    expect(kindEnv({ PATH: '/bin', HOME: '' }, 'unix:///var/run/docker.sock')).toEqual({
      PATH: '/bin',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
    });
  });
});
