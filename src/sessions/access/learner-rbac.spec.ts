import { accessSchema } from '../../labs/schema/access.schema.js';
import type { KubeObject } from '../../kube/kube-reader.js';
import { learnerAccessObjects, type PolicyRule } from './learner-rbac.js';

const LAB_02 = accessSchema.parse({
  namespaces: ['lab'],
  read: [
    { resources: ['nodes', 'servicecidrs.networking.k8s.io'] },
    { namespace: 'kube-system', resources: ['services', 'pods', 'configmaps'] },
    { namespace: 'lab-host', resources: ['pods'], exec: true },
  ],
});

const objects = learnerAccessObjects(LAB_02);

function named(kind: string, name: string, namespace?: string): KubeObject {
  const found = objects.find((object) => {
    const metadata = object.metadata as { name: string; namespace?: string };
    return object.kind === kind && metadata.name === name && metadata.namespace === namespace;
  });
  if (!found) throw new Error(`no ${kind} ${namespace ?? ''}/${name}`);
  return found;
}

function rulesIn(namespace: string | undefined): PolicyRule[] {
  return objects
    .filter((object) => object.kind === (namespace ? 'Role' : 'ClusterRole'))
    .filter((object) => (object.metadata as { namespace?: string }).namespace === namespace)
    .flatMap((object) => object.rules as PolicyRule[]);
}

/** Whether some rule grants `verb` on `resource` (plural or plural/subresource) in `group`. */
function allows(rules: PolicyRule[], group: string, resource: string, verb: string): boolean {
  return rules.some(
    (rule) =>
      rule.apiGroups.includes(group) &&
      rule.resources.includes(resource) &&
      rule.verbs.includes(verb),
  );
}

const allRules = objects.flatMap((object) => (object.rules as PolicyRule[] | undefined) ?? []);

describe(learnerAccessObjects.name, () => {
  it('makes the learner kubelab-learner/lernender with a token Secret kubelab reads', () => {
    expect(named('Namespace', 'kubelab-learner')).toBeDefined();
    expect(named('ServiceAccount', 'lernender', 'kubelab-learner')).toBeDefined();
    expect(named('Secret', 'lernender-token', 'kubelab-learner')).toMatchObject({
      type: 'kubernetes.io/service-account-token',
      metadata: { annotations: { 'kubernetes.io/service-account.name': 'lernender' } },
    });
  });

  it('labels each work namespace for Pod Security baseline (enforce, warn, audit)', () => {
    expect(named('Namespace', 'lab')).toMatchObject({
      metadata: {
        labels: {
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/warn': 'baseline',
          'pod-security.kubernetes.io/audit': 'baseline',
        },
      },
    });
    // Read-only namespaces are made if missing (a later step's setup fills them) but get no
    // Pod Security labels: lab-host holds a hostNetwork pod.
    const namespaces = objects.filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((o) => (o.metadata as { name: string }).name)).toEqual([
      'kubelab-learner',
      'lab',
      'kube-system',
      'lab-host',
    ]);
    expect(named('Namespace', 'lab-host')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'lab-host' },
    });
    expect(named('Namespace', 'kube-system')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kube-system' },
    });
  });

  it('lets the learner work with pods, services, deployments and policies in lab', () => {
    const lab = rulesIn('lab');
    for (const verb of ['get', 'list', 'watch', 'create', 'patch', 'delete']) {
      expect(allows(lab, '', 'pods', verb)).toBe(true);
      expect(allows(lab, '', 'services', verb)).toBe(true);
      expect(allows(lab, 'apps', 'deployments', verb)).toBe(true);
      expect(allows(lab, 'networking.k8s.io', 'networkpolicies', verb)).toBe(true);
    }
    expect(allows(lab, '', 'pods/exec', 'create')).toBe(true);
    expect(allows(lab, '', 'pods/log', 'get')).toBe(true);
    expect(allows(lab, 'apps', 'deployments/scale', 'patch')).toBe(true);
    expect(allows(lab, 'discovery.k8s.io', 'endpointslices', 'list')).toBe(true);
    expect(allows(lab, 'discovery.k8s.io', 'endpointslices', 'create')).toBe(false);
    expect(allows(lab, '', 'events', 'list')).toBe(true);
  });

  it('binds every role to the learner only', () => {
    const bindings = objects.filter((o) => String(o.kind).endsWith('RoleBinding'));
    expect(bindings).toHaveLength(4);
    for (const binding of bindings) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: 'lernender', namespace: 'kubelab-learner' },
      ]);
      const metadata = binding.metadata as { name: string };
      expect(binding.roleRef).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: String(binding.kind).replace('Binding', ''),
        name: metadata.name,
      });
    }
  });

  it('gives the declared reads get/list/watch only, by API group', () => {
    expect(rulesIn(undefined)).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['servicecidrs'],
        verbs: ['get', 'list', 'watch'],
      },
    ]);
    expect(rulesIn('kube-system')).toEqual([
      {
        apiGroups: [''],
        resources: ['services', 'pods', 'configmaps'],
        verbs: ['get', 'list', 'watch'],
      },
    ]);
  });

  it('adds pods/exec where a read entry says exec, and nowhere else outside lab', () => {
    expect(allows(rulesIn('lab-host'), '', 'pods/exec', 'create')).toBe(true);
    expect(allows(rulesIn('lab-host'), '', 'pods', 'create')).toBe(false);
    expect(allows(rulesIn('kube-system'), '', 'pods/exec', 'create')).toBe(false);
    expect(allows(rulesIn('kube-system'), '', 'pods/attach', 'create')).toBe(false);
    expect(allows(rulesIn(undefined), '', 'pods/exec', 'create')).toBe(false);
  });

  describe('never grants', () => {
    it('secrets, anywhere', () => {
      expect(
        allRules.filter((rule) => rule.resources.some((r) => r.startsWith('secrets'))),
      ).toEqual([]);
    });

    it('nodes/proxy or any other nodes subresource', () => {
      expect(
        allRules.flatMap((rule) => rule.resources).filter((r) => r.startsWith('nodes/')),
      ).toEqual([]);
    });

    it('a wildcard verb, resource or API group', () => {
      for (const rule of allRules) {
        expect(rule.verbs).not.toContain('*');
        expect(rule.resources).not.toContain('*');
        expect(rule.apiGroups).not.toContain('*');
      }
    });

    it('escalate, bind, impersonate, or RBAC and ServiceAccount objects', () => {
      const verbs = allRules.flatMap((rule) => rule.verbs);
      for (const verb of ['escalate', 'bind', 'impersonate', 'deletecollection']) {
        expect(verbs).not.toContain(verb);
      }
      const resources = allRules.flatMap((rule) => rule.resources);
      for (const resource of [
        'roles',
        'rolebindings',
        'clusterroles',
        'serviceaccounts',
        'serviceaccounts/token',
        'pods/portforward',
        'nodes/proxy',
      ]) {
        expect(resources).not.toContain(resource);
      }
      expect(allRules.flatMap((rule) => rule.apiGroups)).not.toContain('rbac.authorization.k8s.io');
    });

    it('anything in kube-system beyond the declared reads', () => {
      const kubeSystem = rulesIn('kube-system');
      expect(
        kubeSystem.flatMap((rule) => rule.verbs).every((v) => ['get', 'list', 'watch'].includes(v)),
      ).toBe(true);
    });

    it('anything to write in a namespace that is not a work namespace', () => {
      const written = objects
        .filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')
        .filter((o) =>
          (o.rules as PolicyRule[]).some((rule) =>
            rule.verbs.some(
              (v) =>
                !['get', 'list', 'watch'].includes(v) && !(rule.resources.join() === 'pods/exec'),
            ),
          ),
        )
        .map((o) => (o.metadata as { namespace?: string }).namespace);
      expect([...new Set(written)]).toEqual(['lab']);
    });
  });
});
