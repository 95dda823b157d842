import { DockerEngines } from '../engines/docker-engines.js';
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
  const engines = new DockerEngines([
    { name: 'a', endpoint: 'unix:///var/run/docker.sock', capacity: 4, address: '127.0.0.1' },
    {
      name: 'b',
      endpoint: 'tcp://10.0.0.2:2376',
      tlsCertPath: '/etc/kubelab/b',
      capacity: 8,
      address: '10.0.0.2',
    },
    { name: 'c', endpoint: 'ssh://kind@10.0.0.3', capacity: 8, address: '10.0.0.3' },
  ]);

  it('gives kind the engine’s endpoint and TLS folder, its own network and only what the docker CLI needs', () => {
    expect(kindEnv(server, engines, 'tcp://10.0.0.2:2376', 'kl-3f9a0c1d')).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/kubelab',
      DOCKER_HOST: 'tcp://10.0.0.2:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/etc/kubelab/b',
      KIND_EXPERIMENTAL_DOCKER_NETWORK: 'kl-3f9a0c1d',
    });
  });

  it.each(['unix:///var/run/docker.sock', 'ssh://kind@10.0.0.3'])(
    'lets none of the server’s TLS variables through for engine %s, which has no TLS folder',
    (endpoint) => {
      const env = kindEnv({ ...server, SSH_AUTH_SOCK: '/run/ssh-agent' }, engines, endpoint);
      expect(env).toEqual({
        PATH: '/usr/local/bin:/usr/bin',
        HOME: '/home/kubelab',
        SSH_AUTH_SOCK: '/run/ssh-agent',
        DOCKER_HOST: endpoint,
      });
    },
  );

  it('keeps the server’s TLS variables for an endpoint no configured engine has', () => {
    expect(kindEnv(server, engines, 'tcp://docker-old.example:2376')).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/kubelab',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/etc/kubelab/docker-certs',
      DOCKER_HOST: 'tcp://docker-old.example:2376',
    });
  });

  it('sets no network variable without a network, and skips empty variables', () => {
    expect(kindEnv({ PATH: '/bin', HOME: '' }, engines, 'unix:///var/run/docker.sock')).toEqual({
      PATH: '/bin',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
    });
  });
});
