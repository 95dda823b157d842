import { NESTED_LOOP, NESTED_LOOP_INPUT } from '../../test/support/backtracking.js';
import { clusterState } from '../../test/support/fake-kube.js';
import { checkAssertion, describeAssertion, type FieldAssertion } from './field-assertion.js';

const kubeDns = clusterState('kind-base').find(
  (o) => o.kind === 'Service' && (o.metadata as { name: string }).name === 'kube-dns',
);

function check(assertion: Omit<FieldAssertion, 'path'> & { path?: string }) {
  return checkAssertion({ path: '{.spec.clusterIP}', ...assertion }, kubeDns);
}

describe(checkAssertion.name, () => {
  it('reports what the path found next to whether the assertion holds', () => {
    expect(check({ equals: '10.96.0.10' })).toEqual({
      path: '.spec.clusterIP',
      holds: true,
      value: '10.96.0.10',
    });
    expect(check({ equals: '10.96.0.11' })).toMatchObject({ holds: false, value: '10.96.0.10' });
  });

  it('compares numbers with their text', () => {
    expect(check({ path: '{.spec.ports[2].port}', equals: 9153 }).holds).toBe(true);
    expect(check({ path: '{.spec.ports[2].port}', equals: '9153' }).holds).toBe(true);
  });

  it('compares several values as kubectl prints them', () => {
    const result = check({ path: '{.spec.ports[*].port}', equals: '53 53 9153' });

    expect(result).toEqual({ path: '.spec.ports[*].port', holds: true, value: [53, 53, 9153] });
  });

  it('asks contains for one element of several values, and for a substring of one', () => {
    expect(check({ path: '{.spec.ports[*].port}', contains: 9153 }).holds).toBe(true);
    expect(check({ path: '{.spec.ports[*].port}', contains: 91 }).holds).toBe(false);
    expect(check({ contains: '96.0' }).holds).toBe(true);
  });

  it('asks contains for an element of a single array', () => {
    const object = { spec: { podCIDRs: ['10.244.1.0/24', 'fd00:10:244:1::/64'] } };

    expect(
      checkAssertion({ path: '{.spec.podCIDRs}', contains: '10.244.1.0/24' }, object).holds,
    ).toBe(true);
    expect(checkAssertion({ path: '{.spec.podCIDRs}', contains: '10.244' }, object).holds).toBe(
      false,
    );
  });

  it('reads matches in linear time', () => {
    const assertion = { path: '{.name}', matches: NESTED_LOOP };

    expect(checkAssertion(assertion, { name: NESTED_LOOP_INPUT }).holds).toBe(false);
  });

  it('matches, oneOf and exists', () => {
    expect(check({ matches: '^10\\.96\\.' }).holds).toBe(true);
    expect(check({ matches: '^10\\.244\\.' }).holds).toBe(false);
    expect(check({ path: '{.spec.type}', oneOf: ['NodePort', 'ClusterIP'] }).holds).toBe(true);
    expect(check({ path: '{.spec.type}', oneOf: ['NodePort'] }).holds).toBe(false);
    expect(check({ exists: true }).holds).toBe(true);
    expect(check({ path: '{.spec.externalIPs}', exists: false })).toEqual({
      path: '.spec.externalIPs',
      holds: true,
      value: null,
    });
  });

  it('fails every comparison on a field that is not there', () => {
    for (const assertion of [{ equals: '' }, { matches: '.*' }, { contains: '' }]) {
      expect(check({ path: '{.spec.externalName}', ...assertion })).toEqual({
        path: '.spec.externalName',
        holds: false,
        value: null,
      });
    }
  });
});

describe(describeAssertion.name, () => {
  it.each<[Omit<FieldAssertion, 'path'>, string]>([
    [{ equals: 'Running' }, '„Running“'],
    [{ matches: '^10\\.' }, 'passend zu /^10\\./'],
    [{ oneOf: ['a', 3] }, 'eines von „a“, „3“'],
    [{ contains: 80 }, 'mit „80“ darin'],
    [{ exists: true }, 'vorhanden'],
    [{ exists: false }, 'nicht vorhanden'],
  ])('says %j in German', (assertion, text) => {
    expect(describeAssertion({ path: '.x', ...assertion })).toBe(text);
  });
});
