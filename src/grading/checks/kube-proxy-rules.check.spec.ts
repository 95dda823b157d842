import {
  FakeEnvironmentHandle,
  gradeInput,
  ok,
  recordedText,
} from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { KubeProxyRulesCheck } from './kube-proxy-rules.check.js';

type KubeProxyRulesSpec = CheckSpecOf<'kubeProxyRules'>;

const SAVE = ['iptables-save', '-t', 'nat'];
const natTable = () => ok(recordedText('iptables-save/nat.overall-nonfacct.txt'));
const cluster = () => FakeKube.of('kube-proxy-overall');

function spec(namespace: string, name: string): KubeProxyRulesSpec {
  return { id: 'regeln', kind: 'kubeProxyRules', node: 'worker', service: { namespace, name } };
}

describe(KubeProxyRulesCheck.name, () => {
  const check = new KubeProxyRulesCheck();
  const run = (
    s: KubeProxyRulesSpec,
    kube: FakeKube,
    handle = new FakeEnvironmentHandle().onNode('kl-test-worker', SAVE, natTable()),
  ) => check.evaluate(s, gradeInput({ kube, handle }));

  it('fails a service without ready endpoints: kube-proxy makes no KUBE-SVC chain for it', async () => {
    await expect(run(spec('ns6', 'svc6'), cluster())).resolves.toEqual({
      status: 'fail',
      message:
        'Die kube-proxy-Regeln auf dem Knoten „kl-test-worker“: ns6/svc6:p80 (172.30.0.46:80/TCP) hat keinen bereiten Endpunkt, daher gibt es keine KUBE-SVC-Kette.',
      expected: {
        ports: [
          {
            port: 'ns6/svc6:p80 (172.30.0.46:80/TCP)',
            chain: expect.stringMatching(/^KUBE-SVC-/),
            endpoints: [],
          },
        ],
      },
      observed: {
        node: 'kl-test-worker',
        ports: [{ port: 'ns6/svc6:p80 (172.30.0.46:80/TCP)', chain: null, endpoints: [] }],
      },
    });
  });

  it('passes a service whose KUBE-SVC chain has one KUBE-SEP per ready endpoint', async () => {
    await expect(run(spec('ns4', 'svc4'), cluster())).resolves.toEqual({
      status: 'pass',
      message:
        'Die kube-proxy-Regeln auf dem Knoten „kl-test-worker“ führen für KUBE-SVC-4SW47YFZTEDKD3PK zu 2 KUBE-SEP-Kette(n) – eine je bereitem Endpunkt.',
      expected: {
        ports: [
          {
            port: 'ns4/svc4:p80 (172.30.0.44:80/TCP)',
            chain: 'KUBE-SVC-4SW47YFZTEDKD3PK',
            endpoints: ['10.180.0.4:80', '10.180.0.5:80'],
          },
        ],
      },
      observed: {
        node: 'kl-test-worker',
        ports: [
          {
            port: 'ns4/svc4:p80 (172.30.0.44:80/TCP)',
            chain: 'KUBE-SVC-4SW47YFZTEDKD3PK',
            endpoints: ['10.180.0.4:80', '10.180.0.5:80'],
          },
        ],
      },
    });
  });

  it('names the endpoint the node has no rule for yet', async () => {
    const kube = cluster();
    const [slice] = await kube.list({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      namespace: 'ns1',
    });
    const endpoints = (slice?.endpoints as object[]) ?? [];
    kube.with({
      ...slice,
      endpoints: [...endpoints, { addresses: ['10.180.0.9'], conditions: { ready: true } }],
    });

    await expect(run(spec('ns1', 'svc1'), kube)).resolves.toMatchObject({
      status: 'fail',
      message:
        'Die kube-proxy-Regeln auf dem Knoten „kl-test-worker“: KUBE-SVC-XPGD46QRK7WJZT7O hat keine KUBE-SEP-Kette für 10.180.0.9:80.',
    });
  });

  it('cannot look without iptables-save, or for a headless service', async () => {
    await expect(run(spec('ns4', 'svc4'), cluster(), new FakeEnvironmentHandle())).rejects.toThrow(
      'Das Messwerkzeug „iptables-save“ fehlt',
    );
    const headless = FakeKube.of('kind-base', 'lab-untouched', 'lab-solved');
    await expect(run(spec('lab', 'db'), headless)).rejects.toThrow('hat keine ClusterIP');
  });

  it('cannot look when the lab runs kube-proxy in another mode', async () => {
    const input = gradeInput({
      kube: cluster(),
      handle: new FakeEnvironmentHandle(),
      kubeProxyMode: 'nftables',
    });

    await expect(check.evaluate(spec('ns4', 'svc4'), input)).rejects.toThrow(
      'kube-proxy läuft in diesem Lab im Modus „nftables“',
    );
  });

  it('fails a service that does not exist', async () => {
    await expect(
      run(spec('lab', 'web'), FakeKube.of('kind-base', 'lab-untouched')),
    ).resolves.toEqual({
      status: 'fail',
      message: 'Den Service „web“ im Namespace „lab“ gibt es nicht.',
    });
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(run(spec('ns4', 'svc4'), FakeKube.unreachable())).rejects.toMatchObject({
      name: 'KubeApiError',
    });
  });
});
