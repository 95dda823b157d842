import {
  FakeEnvironmentHandle,
  gradeInput,
  ok,
  recordedText,
} from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import { dnsCheckSpec as spec } from '../../../test/support/dns-check-spec.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { DnsCheck } from './dns.check.js';

type DnsSpec = CheckSpecOf<'dns'>;

const dig = (file: string, exitCode = 0) => ok(recordedText(`dig/${file}.txt`), exitCode);

/** The probe pod answers `dig … <query>` with a recorded output. */
function answering(query: string, output: ReturnType<typeof dig>): FakeEnvironmentHandle {
  return new FakeEnvironmentHandle().onPod(
    'lab/probe',
    ['dig', '+search', '+showsearch', '+time=2', '+tries=2', query],
    output,
  );
}

describe(DnsCheck.name, () => {
  const check = new DnsCheck();
  const run = (s: DnsSpec, kube: FakeKube, handle = new FakeEnvironmentHandle()) =>
    check.evaluate(s, gradeInput({ kube, handle }));

  it('fails on the untouched cluster: the service it should resolve to does not exist', async () => {
    const handle = answering('web', dig('showsearch-web-a.untouched'));

    await expect(run(spec(), untouched(), handle)).resolves.toEqual({
      status: 'fail',
      message: 'Den Service „web“ im Namespace „lab“ gibt es nicht.',
      observed: { expectedFrom: 'missing' },
    });
  });

  it('passes when the short name resolves to the live ClusterIP along the search list', async () => {
    const handle = answering('web', dig('showsearch-web-a.solved'));

    await expect(run(spec(), solved(), handle)).resolves.toEqual({
      status: 'pass',
      message: '„web“ (A) löst zu 10.96.120.15 auf, wie verlangt.',
      expected: ['10.96.120.15'],
      observed: { from: 'lab/probe', status: 'NOERROR', answers: ['10.96.120.15'] },
    });
    expect(handle.calls[0]?.argv).toEqual([
      'dig',
      '+search',
      '+showsearch',
      '+time=2',
      '+tries=2',
      'web',
      'A',
    ]);
  });

  it('reads NXDOMAIN inside the cluster domain although the upstream refused the bare name', async () => {
    // Recorded: web.lab.svc…, web.svc…, web.cluster.local say NXDOMAIN, "web." gets REFUSED.
    const handle = answering('web', dig('showsearch-web-a.untouched'));
    const gone = spec({ expect: { nxdomain: true } });

    await expect(run(gone, untouched(), handle)).resolves.toEqual({
      status: 'pass',
      message: '„web“ (A) gibt es nicht (NXDOMAIN), wie verlangt.',
      expected: 'NXDOMAIN',
      observed: { from: 'lab/probe', status: 'NXDOMAIN', answers: [] },
    });
  });

  it('fails a name that should resolve but is NXDOMAIN, saying what it should be', async () => {
    const handle = answering('web', dig('showsearch-web-a.untouched'));

    await expect(run(spec(), solved(), handle)).resolves.toMatchObject({
      status: 'fail',
      message:
        '„web“ (A) lässt sich von lab/probe aus nicht auflösen (NXDOMAIN); verlangt: 10.96.120.15.',
    });
  });

  it('expects one record per ready endpoint of a headless service', async () => {
    const db = spec({ query: 'db', expect: { endpointsOf: { namespace: 'lab', name: 'db' } } });
    const solvedDig = answering('db', dig('showsearch-db-a.solved'));
    const untouchedDig = answering('db', dig('showsearch-db-a.untouched'));

    await expect(run(db, solved(), solvedDig)).resolves.toMatchObject({
      status: 'pass',
      expected: ['10.244.1.7', '10.244.2.8'],
    });
    await expect(run(db, untouched(), untouchedDig)).resolves.toMatchObject({
      status: 'fail',
      message: 'Den Service „db“ im Namespace „lab“ gibt es nicht.',
    });
  });

  it('expects NXDOMAIN for a headless service without ready endpoints', async () => {
    const kube = solved();
    const [slice] = await kube.list({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      labelSelector: 'kubernetes.io/service-name=db',
    });
    kube.with({ ...slice, endpoints: [] });
    const db = spec({ query: 'db', expect: { endpointsOf: { namespace: 'lab', name: 'db' } } });

    await expect(
      run(db, kube, answering('db', dig('showsearch-db-a.untouched'))),
    ).resolves.toMatchObject({ status: 'pass', expected: 'NXDOMAIN' });
  });

  it('compares a fully qualified name, kube-dns and a fixed list', async () => {
    const fqdn = spec({ query: 'web.lab.svc.cluster.local.' });
    const kubeDns = spec({
      query: 'kube-dns.kube-system',
      expect: { serviceIp: { namespace: 'kube-system', name: 'kube-dns' } },
    });
    const fixed = spec({ expect: { addresses: ['10.96.120.16'] } });

    await expect(
      run(fqdn, solved(), answering(fqdn.query, dig('showsearch-web-fqdn.solved'))),
    ).resolves.toMatchObject({ status: 'pass' });
    await expect(
      run(kubeDns, solved(), answering(kubeDns.query, dig('kube-dns-a'))),
    ).resolves.toMatchObject({ status: 'pass', expected: ['10.96.0.10'] });
    await expect(
      run(fixed, solved(), answering('web', dig('showsearch-web-a.solved'))),
    ).resolves.toMatchObject({
      status: 'fail',
      message: '„web“ (A) löst von lab/probe aus zu 10.96.120.15 auf; verlangt: 10.96.120.16.',
    });
  });

  it('asks PTR with dig -x and SRV for the service name', async () => {
    const ptr = spec({ query: '10.96.120.15', type: 'PTR' });
    const srv = spec({ query: '_http._tcp.web.lab.svc.cluster.local', type: 'SRV' });
    const ptrHandle = new FakeEnvironmentHandle().onPod(
      'lab/probe',
      ['dig', '+time=2', '+tries=2', '-x', '10.96.120.15'],
      dig('web-ptr.solved'),
    );

    await expect(run(ptr, solved(), ptrHandle)).resolves.toMatchObject({
      status: 'pass',
      expected: ['web.lab.svc.cluster.local'],
    });
    await expect(
      run(srv, solved(), answering(srv.query, dig('web-srv.solved'))),
    ).resolves.toMatchObject({
      status: 'pass',
      observed: { answers: ['web.lab.svc.cluster.local'] },
    });
  });

  it('fails when no DNS server answers, pointing at DNS egress', async () => {
    const handle = answering('web', dig('timeout', 9));

    await expect(run(spec(), solved(), handle)).resolves.toMatchObject({
      status: 'fail',
      message:
        'Von lab/probe aus antwortet kein DNS-Server (Zeitüberschreitung). Blockiert eine NetworkPolicy DNS auf Port 53?',
      observed: { status: 'TIMEOUT' },
    });
  });

  it('cannot look when dig is missing', async () => {
    await expect(run(spec(), solved(), new FakeEnvironmentHandle())).rejects.toThrow(
      'Das Messwerkzeug „dig“ fehlt',
    );
  });

  it('fails, naming the difference, when the service is of the other kind than asked', async () => {
    const noDig = new FakeEnvironmentHandle();
    const headlessIp = spec({ expect: { serviceIp: { namespace: 'lab', name: 'db' } } });
    const endpointsOfClusterIp = spec({
      expect: { endpointsOf: { namespace: 'lab', name: 'web' } },
    });

    await expect(run(headlessIp, solved(), noDig)).resolves.toMatchObject({
      status: 'fail',
      message: expect.stringContaining('„db“ im Namespace „lab“ ist headless (clusterIP: None)'),
    });
    await expect(run(endpointsOfClusterIp, solved(), noDig)).resolves.toMatchObject({
      status: 'fail',
      message: expect.stringContaining('verlangt ist ein headless Service (clusterIP: None)'),
    });
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(run(spec(), FakeKube.unreachable())).rejects.toMatchObject({
      name: 'KubeApiError',
    });
  });
});
