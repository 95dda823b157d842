import path from 'node:path';
import { labPattern } from '../../src/labs/lab-pattern.js';
import { loadLabs } from '../../src/labs/lab-loader.js';

/**
 * Issue #15: transcript checks that wanted `kubectl … exec … -- ip|curl` literally failed
 * learners who typed an equivalent: the alias `k`, a variable set first (`VAR=$(…) && …`),
 * `wget`, or an interactive shell in the pod (whose inner commands the transcript cannot see).
 * Each check must take those and still refuse commands that did not do the step.
 */
const { labs, problems } = loadLabs(path.resolve('labs'));

function transcriptCommand(labId: string, checkId: string): string {
  const check = labs
    .find((l) => l.id === labId)
    ?.steps.flatMap((s) => s.checks)
    .find((c) => c.id === checkId);
  if (check?.kind !== 'transcript') {
    throw new Error(`${labId}: no transcript check ${checkId} (${JSON.stringify(problems)})`);
  }
  return check.command;
}

describe.each<[string, string, string[], string[]]>([
  [
    '01-ip-adressierung',
    'von-innen',
    [
      'kubectl -n lab exec mein-pod -- ip -4 addr show eth0',
      'k -n lab exec mein-pod -- ip a',
      'kubectl -n lab exec -it mein-pod -- sh',
      'kubectl exec -n lab -ti pod/mein-pod -- /bin/bash',
      'kubectl -n lab exec mein-pod -- cat /etc/hosts',
      'kubectl -n lab exec mein-pod -- hostname -i',
      'P=mein-pod && kubectl -n lab exec mein-pod -- ip route',
    ],
    [
      'kubectl -n lab get pod mein-pod -o wide',
      'kubectl -n lab exec client -- ip a',
      'echo kubectl -n lab exec mein-pod -- ip a',
      'kubectl -n lab exec mein-pod -- env',
      'kubectl -n lab run mein-pod --image=agnhost -- pause',
    ],
  ],
  [
    '01-ip-adressierung',
    'clientip-gefragt',
    [
      'kubectl -n lab exec client -- curl -s http://10.244.2.5:8080/clientip',
      'k -n lab exec client -- curl -s http://10.244.2.5:8080/clientip',
      "SERVER_IP=$(kubectl -n lab get pod server -o jsonpath='{.status.podIP}') && kubectl -n lab exec client -- curl -s http://$SERVER_IP:8080/clientip",
      'kubectl -n lab exec client -- wget -qO- http://10.244.2.5:8080/clientip',
      'kubectl -n lab exec -it client -- sh',
      'kubectl -n lab exec client -- sh -c "curl -s $SERVER:8080/clientip"',
    ],
    [
      'kubectl -n lab exec client -- curl -s http://10.244.2.5:8080/hostname',
      'curl -s http://10.244.2.5:8080/clientip',
      'kubectl -n lab exec server -- curl -s http://10.244.1.5:8080/clientip',
      'kubectl -n lab exec client -- sh -c "echo hallo"',
      'echo kubectl -n lab exec client -- curl /clientip',
    ],
  ],
  [
    '02-nat',
    'direkt-gefragt',
    [
      'kubectl -n lab exec client -- curl -s http://10.244.2.5:8080/clientip',
      'k -n lab exec deploy/client -- curl -s 10.244.2.5:8080/clientip',
      "IP=$(kubectl -n lab get pods -l app=web -o jsonpath='{.items[0].status.podIP}') && kubectl -n lab exec client -- curl -s http://$IP:8080/clientip",
      'kubectl -n lab exec client -- wget -qO- http://10.244.2.5:8080/clientip',
      'kubectl -n lab exec -it client -- sh',
    ],
    [
      'kubectl -n lab exec client -- curl -s http://web/clientip',
      'kubectl -n lab exec client -- curl -s http://10.96.4.7:80/clientip',
      'kubectl -n lab get pods -o wide',
      'kubectl -n lab exec client -- sh -c "echo :8080/clientip"',
    ],
  ],
])('%s, transcript %s', (labId, checkId, accepted, refused) => {
  const pattern = () => labPattern(transcriptCommand(labId, checkId));

  it.each(accepted)('takes %j', (command) => {
    expect(pattern().test(command)).toBe(true);
  });

  it.each(refused)('refuses %j', (command) => {
    expect(pattern().test(command)).toBe(false);
  });
});
