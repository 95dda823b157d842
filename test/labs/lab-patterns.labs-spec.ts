import path from 'node:path';
import type { CheckResult } from '../../src/grading/check-result.js';
import { matchingHints } from '../../src/grading/hint-matcher.js';
import { labPattern } from '../../src/labs/lab-pattern.js';
import { loadLabs } from '../../src/labs/lab-loader.js';
import type { Lab } from '../../src/labs/lab.types.js';

/**
 * Lab patterns moved from JS RegExp to RE2, which has no lookahead: the shipped labs' hint
 * conditions now say "does not match" with `notMatches`, and two transcript commands are matched
 * in kubectl's order (verb, kind, name). Each rewrite must decide as the JS pattern it replaced
 * (kept here) did, on texts the checks really observe; the two orders kubectl refuses anyway are
 * the only deliberate differences.
 */
const { labs, problems } = loadLabs(path.resolve('labs'));

function lab(id: string): Lab {
  const found = labs.find((l) => l.id === id);
  if (!found) throw new Error(`lab ${id} did not load: ${JSON.stringify(problems)}`);
  return found;
}

function transcriptCommand(labId: string, checkId: string): string {
  const check = lab(labId)
    .steps.flatMap((s) => s.checks)
    .find((c) => c.id === checkId);
  if (check?.kind !== 'transcript') throw new Error(`${labId}: no transcript check ${checkId}`);
  return check.command;
}

/** Whether the lab's hint (found by its check and the start of its text) shows for `observed`. */
function hintShows(labId: string, checkId: string, textStart: string, observed: unknown): boolean {
  const hint = lab(labId)
    .steps.flatMap((s) => s.hints)
    .find(
      (h) => typeof h !== 'string' && h.when?.check === checkId && h.text.startsWith(textStart),
    );
  if (!hint) throw new Error(`${labId}: no hint on ${checkId} starting "${textStart}"`);
  const result: CheckResult = {
    id: checkId,
    kind: 'answer',
    status: 'fail',
    message: '',
    durationMs: 0,
    observed,
  };
  return matchingHints([hint], [result]).length > 0;
}

function jsDecides(jsPattern: string, observed: unknown): boolean {
  const text = typeof observed === 'string' ? observed : JSON.stringify(observed ?? null);
  return new RegExp(jsPattern).test(text);
}

describe('shipped lab patterns on RE2', () => {
  describe.each<[string, string, string, string, unknown[]]>([
    [
      '01-ip-adressierung',
      'pod-ip',
      'Diese Adresse liegt nicht im Pod-Netz 10.244',
      String.raw`^\s*(?!10\.244\.)\d`,
      ['10.244.1.5', ' 10.244.1.5', '172.18.0.3', ' 10.96.0.1', '10.24', '1', 'abc', '', '10.244'],
    ],
    [
      '01-ip-adressierung',
      'absender',
      'Diese Adresse liegt nicht im Pod-Netz. Ohne NAT',
      String.raw`^\s*(?!10\.244\.)\d+\.\d+\.\d+\.\d+\s*$`,
      ['10.244.1.5', '172.18.0.3 ', ' 10.96.0.1', '172.18.0.3:41234', 'web', '10.244.1.5:80'],
    ],
    [
      '01-ip-adressierung',
      'naechster-hop',
      'Das ist nicht die Adresse des Knotens',
      String.raw`^\s*(?!10\.244\.)\d`,
      ['10.244.2.1', '172.18.0.4', ' 172.18.0.4', 'eth0', '10.96.0.1'],
    ],
    [
      '02-nat',
      'extern-laeuft',
      'Den Pod extern gibt es noch nicht',
      String.raw`"count":0|"\.spec\.hostNetwork":(?!true)`,
      [
        { count: 0 },
        { count: 1, fields: { '.spec.hostNetwork': true, '.status.phase': 'Running' } },
        { count: 1, fields: { '.spec.hostNetwork': null, '.status.phase': 'Running' } },
        { count: 1, fields: { '.spec.hostNetwork': false, '.status.phase': 'Pending' } },
      ],
    ],
    [
      '02-nat',
      'extern-laeuft',
      'extern läuft noch nicht',
      String.raw`"\.status\.phase":(?!"Running")`,
      [
        { count: 0 },
        { count: 1, fields: { '.spec.hostNetwork': true, '.status.phase': 'Running' } },
        { count: 1, fields: { '.spec.hostNetwork': true, '.status.phase': 'Pending' } },
        { count: 1, fields: { '.spec.hostNetwork': true, '.status.phase': null } },
      ],
    ],
    [
      '03-dns',
      'katalog-service',
      'Der Service wählt die falschen Pods aus',
      String.raw`"\.spec\.selector\.app":(?!"katalog")`,
      [
        { count: 0 },
        { count: 1, fields: { '.spec.selector.app': 'katalog' } },
        { count: 1, fields: { '.spec.selector.app': 'katalog-v2' } },
        { count: 1, fields: { '.spec.selector.app': 'web' } },
        { count: 1, fields: { '.spec.selector.app': null } },
      ],
    ],
    [
      '03-dns',
      'headless-service',
      'web-headless wählt die falschen Pods aus',
      String.raw`"\.spec\.selector\.app":(?!"web")`,
      [
        { count: 0 },
        { count: 1, fields: { '.spec.clusterIP': 'None', '.spec.selector.app': 'web' } },
        { count: 1, fields: { '.spec.clusterIP': 'None', '.spec.selector.app': 'webx' } },
        { count: 1, fields: { '.spec.clusterIP': 'None', '.spec.selector.app': null } },
      ],
    ],
    ...webZero(
      'Hostname und Subdomain',
      String.raw`"\.spec\.hostname":(?!"web-0")|"\.spec\.subdomain":(?!"web-headless")`,
    ),
    ...webZero('Ohne das Label', String.raw`"\.metadata\.labels\.app":(?!"web")`),
    ...webZero('web-0 läuft noch nicht', String.raw`"\.status\.phase":(?!"Running")`),
    [
      '04-networkpolicy',
      'db-ip',
      'Gefragt ist die Pod-IP',
      String.raw`^(?!10\.244\.)\d+\.\d+\.\d+\.\d+$`,
      ['10.244.2.7', '172.18.0.2', '10.96.12.4', 'db', '10.244.2.7 '],
    ],
    ...matrix(
      'matrix-deny-ingress',
      'Die shop-Pods erreichen prometheus nicht mehr',
      'shop/frontend -> monitoring/prometheus',
    ),
    ...matrix(
      'matrix-frontend-backend',
      'frontend → backend ist laut deinen Policies',
      'shop/frontend -> shop/backend',
    ),
    ...matrix(
      'matrix-egress',
      'frontend → backend ist jetzt gesperrt',
      'shop/frontend -> shop/backend',
    ),
    ...matrix(
      'matrix-ipblock',
      'frontend → prometheus ist laut deinen Policies',
      'shop/frontend -> monitoring/prometheus',
    ),
  ])('%s, hint on %s: %s…', (labId, checkId, textStart, jsPattern, observations) => {
    it.each(observations.map((o) => [JSON.stringify(o), o]))('decides %s as before', (_, o) => {
      expect(hintShows(labId, checkId, textStart, o)).toBe(jsDecides(jsPattern, o));
    });
  });

  describe.each<[string, string, string, string[], string[]]>([
    [
      '01-ip-adressierung',
      'knoten-angesehen',
      String.raw`^kubectl\b(?=.*\s(get|describe)\s)(?=.*\s(nodes?|no)([\s/,]|$))`,
      [
        'kubectl get nodes',
        'kubectl get no',
        'kubectl get nodes -o wide',
        'kubectl describe node kl-abc-worker',
        'kubectl get node/kl-abc-worker -o yaml',
        'kubectl -o wide get nodes',
        'kubectl get pods',
        'kubectl get nodesx',
        'kubectl get pods,nodes',
        'kubectlget nodes',
      ],
      // RE2 cannot say "both, in any order"; kubectl takes the verb first anyway.
      ['kubectl -n no get pods', 'kubectl nodes describe kl-abc-worker'],
    ],
    [
      '03-dns',
      'corefile-gelesen',
      String.raw`^kubectl\b(?=.*\b(get|describe)\b)(?=.*\b(configmaps?|cm)\b)(?=.*\bcoredns\b)`,
      [
        'kubectl -n kube-system get configmap coredns -o yaml',
        'kubectl -n kube-system describe cm coredns',
        'kubectl get cm/coredns -n kube-system -o yaml',
        'kubectl get configmaps -A | grep coredns',
        'kubectl -n kube-system get cm',
        'kubectl -n kube-system get pods -l k8s-app=coredns',
      ],
      ['kubectl -n kube-system coredns get cm', 'kubectl get coredns cm'],
    ],
  ])('%s, transcript %s', (labId, checkId, jsPattern, same, narrowed) => {
    const pattern = () => labPattern(transcriptCommand(labId, checkId));

    it.each(same)('decides %j as before', (command) => {
      expect(pattern().test(command)).toBe(new RegExp(jsPattern).test(command));
    });

    it.each(narrowed)('no longer takes %j, an order kubectl refuses', (command) => {
      expect(new RegExp(jsPattern).test(command)).toBe(true);
      expect(pattern().test(command)).toBe(false);
    });
  });
});

/** The four hint rows of pod-web-0 in 03-dns, all read from the same observation. */
function webZero(
  textStart: string,
  jsPattern: string,
): [string, string, string, string, unknown[]][] {
  const fields = {
    '.metadata.labels.app': 'web',
    '.spec.hostname': 'web-0',
    '.spec.subdomain': 'web-headless',
    '.status.phase': 'Running',
  };
  return [
    [
      '03-dns',
      'pod-web-0',
      textStart,
      jsPattern,
      [
        { count: 0 },
        { count: 1, fields },
        { count: 1, fields: { ...fields, '.spec.hostname': 'web-1' } },
        { count: 1, fields: { ...fields, '.spec.subdomain': null } },
        { count: 1, fields: { ...fields, '.metadata.labels.app': 'webapp' } },
        { count: 1, fields: { ...fields, '.status.phase': 'Pending' } },
      ],
    ],
  ];
}

/** A reachability hint that said `^(?![\s\S]*<pair>)`: the pair is not among the mismatches. */
function matrix(
  checkId: string,
  textStart: string,
  pair: string,
): [string, string, string, string, unknown[]][] {
  return [
    [
      '04-networkpolicy',
      checkId,
      textStart,
      String.raw`^(?![\s\S]*${pair})`,
      [
        { mismatches: [`${pair}: erwartet allow, beobachtet deny`] },
        { mismatches: ['shop/db -> monitoring/prometheus: erwartet allow, beobachtet deny'] },
        { mismatches: [] },
        'shop/backend -> shop/db\nshop/frontend -> shop/backend',
      ],
    ],
  ];
}
