import { parse } from 'yaml';
import { learnerKubeconfig } from './learner-kubeconfig.js';

const ADMIN = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: Q0EtREFUQQ==
    server: https://127.0.0.1:40123
  name: kind-kl-3f9a0c12
users:
- name: kind-kl-3f9a0c12
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
contexts:
- context: { cluster: kind-kl-3f9a0c12, user: kind-kl-3f9a0c12 }
  name: kind-kl-3f9a0c12
current-context: kind-kl-3f9a0c12
`;

describe(learnerKubeconfig.name, () => {
  const text = learnerKubeconfig({
    adminKubeconfig: ADMIN,
    cluster: 'kl-3f9a0c12',
    token: 'eyJ.learner.token',
    namespace: 'lab',
  });

  it('points at the control plane on the cluster network, with the cluster CA and the token', () => {
    expect(parse(text)).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'kl-3f9a0c12',
          cluster: {
            server: 'https://kl-3f9a0c12-control-plane:6443',
            'certificate-authority-data': 'Q0EtREFUQQ==',
          },
        },
      ],
      users: [{ name: 'lernender', user: { token: 'eyJ.learner.token' } }],
      contexts: [
        {
          name: 'kl-3f9a0c12',
          context: { cluster: 'kl-3f9a0c12', user: 'lernender', namespace: 'lab' },
        },
      ],
      'current-context': 'kl-3f9a0c12',
    });
  });

  it('carries none of the admin credentials', () => {
    expect(text).not.toMatch(/client-key-data|client-certificate-data|S0VZ|Q0VSVA/);
  });

  it('fails without a CA in the admin kubeconfig', () => {
    expect(() =>
      learnerKubeconfig({
        adminKubeconfig: 'clusters: []',
        cluster: 'x',
        token: 't',
        namespace: 'lab',
      }),
    ).toThrow(/certificate-authority-data/);
  });
});
