import path from 'node:path';
import { TranscriptCheck } from '../../src/grading/checks/transcript.check.js';
import type { TranscriptCommand } from '../../src/grading/transcript-reader.repository.js';
import { loadLabs } from '../../src/labs/lab-loader.js';
import type { LoadedStep } from '../../src/labs/lab.types.js';
import { labInMode } from '../../src/labs/modes/lab-in-mode.js';
import { gradeInput } from '../support/fake-environment-handle.js';

/**
 * Issue #14: in shared mode the step texts tell learners to type `knoten <node> <command>`; the
 * lab's `transcript` checks must take exactly that form (with what such a command prints) as the
 * command typed in the node, and the text must show it.
 */
const { labs } = loadLabs(path.resolve('labs'));
const STARTED = new Date('2026-11-30T10:00:00Z');

function sharedStep(labId: string, checkId: string): LoadedStep {
  const lab = labs.find((l) => l.id === labId);
  if (!lab) throw new Error(`no lab ${labId}`);
  const step = labInMode(lab, 'shared').steps.find((s) => s.checks.some((c) => c.id === checkId));
  if (!step) throw new Error(`${labId}: no check ${checkId} in shared mode`);
  return step;
}

async function verdict(
  labId: string,
  checkId: string,
  typed: string,
  output: string,
  exitCode = 0,
): Promise<string> {
  const check = sharedStep(labId, checkId).checks.find((c) => c.id === checkId);
  if (check?.kind !== 'transcript') throw new Error(`${labId}: ${checkId} is no transcript check`);
  const command: TranscriptCommand = {
    terminal: 'main',
    command: typed,
    exitCode,
    output,
    startedAt: new Date('2026-11-30T10:01:00Z'),
  };
  const result = await new TranscriptCheck().evaluate(
    check,
    gradeInput({ transcript: [command], stepStartedAt: STARTED }),
  );
  return result.status;
}

const CONNTRACK_ENTRY =
  'tcp      6 117 TIME_WAIT src=10.244.1.4 dst=10.96.142.7 sport=51234 dport=80 src=10.244.2.3 dst=10.244.1.4 sport=8080 dport=51234 [ASSURED] mark=0 use=1';

describe.each<[string, string, string, string, string]>([
  [
    '01-ip-adressierung',
    'routen-angesehen',
    'knoten <Knoten-von-client> ip route',
    'knoten kl-3f9a0c12-worker ip route',
    '10.244.0.0/24 via 172.18.0.3 dev eth0',
  ],
  [
    '01-ip-adressierung',
    'einstellung-gelesen',
    'knoten control-plane cat /etc/kubernetes/manifests/kube-apiserver.yaml | grep service-cluster-ip-range',
    'knoten control-plane cat /etc/kubernetes/manifests/kube-apiserver.yaml | grep service-cluster-ip-range',
    '    - --service-cluster-ip-range=10.96.0.0/16',
  ],
  [
    '02-nat',
    'eintrag-gelesen',
    'knoten <Knoten-von-client> conntrack -L -d <ClusterIP>',
    'knoten kl-3f9a0c12-worker conntrack -L -d 10.96.142.7',
    CONNTRACK_ENTRY,
  ],
  [
    '03-dns',
    'kubelet-config-gelesen',
    "knoten control-plane cat /var/lib/kubelet/config.yaml | grep -A1 -E '^clusterD'",
    "knoten control-plane cat /var/lib/kubelet/config.yaml | grep -A1 -E '^clusterD'",
    'clusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local',
  ],
])('%s %s in shared mode', (labId, checkId, shown, typed, output) => {
  it('shows the knoten form in the step text', () => {
    expect(sharedStep(labId, checkId).markdown).toContain(shown);
  });

  it('passes the knoten form as typed in the node', async () => {
    await expect(verdict(labId, checkId, typed, output)).resolves.toBe('pass');
  });

  it('does not count it when knoten refused the command (exit code 2, its German list)', async () => {
    const refused = 'Dieser Befehl ist nicht erlaubt.\nErlaubt sind nur diese Befehle …';
    await expect(verdict(labId, checkId, typed, refused, 2)).resolves.toBe('fail');
  });
});
