import { accessSchema } from './access.schema.js';

const LAB_02 = {
  namespaces: ['lab'],
  read: [
    { resources: ['nodes', 'servicecidrs.networking.k8s.io'] },
    { namespace: 'kube-system', resources: ['services', 'pods', 'configmaps'] },
    { namespace: 'lab-host', resources: ['pods'], exec: true },
  ],
};

function problems(input: unknown): string[] {
  const result = accessSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('accessSchema', () => {
  it('reads the contract example, exec defaulting to false', () => {
    const access = accessSchema.parse(LAB_02);
    expect(access.namespaces).toEqual(['lab']);
    expect(access.read.map((entry) => entry.exec)).toEqual([false, false, true]);
  });

  it('defaults read to nothing', () => {
    expect(accessSchema.parse({ namespaces: ['lab'] }).read).toEqual([]);
  });

  it.each([
    ['secrets', /Secrets darf der Lernende nie lesen/],
    ['secrets.v1', /Secrets darf der Lernende nie lesen/],
    ['*', /kein „\*“/],
    ['pods/exec', /keine Unterressource/],
    ['nodes/proxy', /keine Unterressource/],
    ['*.networking.k8s.io', /kein „\*“/],
  ])('refuses the resource %s with a clear message', (resource, message) => {
    const found = problems({ namespaces: ['lab'], read: [{ resources: [resource] }] });
    expect(found).toEqual([expect.stringMatching(message)]);
    expect(found[0]).toMatch(/^read\.0\.resources\.0: /);
  });

  it.each(['kube-system', 'kubelab-learner', 'kube-public', 'kube-node-lease'])(
    'refuses %s as a work namespace',
    (namespace) => {
      expect(problems({ namespaces: [namespace] })).toEqual([
        'namespaces.0: ist ein Namespace des Clusters oder von kubelab, kein Arbeitsbereich',
      ]);
    },
  );

  it('refuses exec without a namespace, without pods, and in kube-system', () => {
    expect(problems({ namespaces: ['lab'], read: [{ resources: ['pods'], exec: true }] })).toEqual([
      'read.0.exec: exec gilt nur in einem Namespace',
    ]);
    expect(
      problems({
        namespaces: ['lab'],
        read: [{ namespace: 'x', resources: ['services'], exec: true }],
      }),
    ).toEqual(['read.0.exec: exec braucht „pods“ unter resources']);
    expect(
      problems({
        namespaces: ['lab'],
        read: [{ namespace: 'kube-system', resources: ['pods'], exec: true }],
      }),
    ).toEqual(['read.0.exec: In die Pods von kube-system darf der Lernende nie hinein']);
  });

  it('refuses unknown fields and an empty namespace list', () => {
    expect(problems({ namespaces: [] })).toHaveLength(1);
    expect(problems({ namespaces: ['lab'], write: [] })).toHaveLength(1);
  });
});
