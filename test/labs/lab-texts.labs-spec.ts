import path from 'node:path';
import { loadLabs } from '../../src/labs/lab-loader.js';
import type { LoadedStep } from '../../src/labs/lab.types.js';

/** Issue #15, the text items of labs 03 and 04: what the learner reads. */
const { labs } = loadLabs(path.resolve('labs'));

function step(labId: string, stepId: string): LoadedStep {
  const found = labs.find((l) => l.id === labId)?.steps.find((s) => s.id === stepId);
  if (!found) throw new Error(`no step ${stepId} in ${labId}`);
  return found;
}

/** Everything a learner can read in a step: its text, check titles, questions and hints. */
function readable(s: LoadedStep): string {
  const hints = s.hints.map((h) => (typeof h === 'string' ? h : h.text));
  const checks = s.checks.flatMap((c) => [c.title ?? '', c.kind === 'answer' ? c.prompt : '']);
  return [s.markdown, ...hints, ...checks].join('\n');
}

describe('labs 03 and 04: texts', () => {
  it.each([
    ['03-dns', 'namespaces'],
    ['03-dns', 'headless'],
    ['03-dns', 'pod-namen'],
    ['04-networkpolicy', 'default-deny'],
    ['04-networkpolicy', 'frontend-backend'],
    ['04-networkpolicy', 'namespace-selector'],
    ['04-networkpolicy', 'egress-sperre'],
    ['04-networkpolicy', 'dns'],
  ])('%s/%s states the task; the whole manifest is only in the last hint', (labId, stepId) => {
    const s = step(labId, stepId);
    expect(s.markdown).not.toMatch(/apiVersion:|<<'EOF'/);
    const plain = s.hints.filter((h): h is string => typeof h === 'string');
    expect(plain.at(-1)).toMatch(/apiVersion: /);
    expect(plain.slice(0, -1).join('\n')).not.toMatch(/apiVersion: /);
  });

  it.each([
    ['03-dns', 'dns-erlauben'],
    ['04-networkpolicy', 'dns'],
    ['04-networkpolicy', 'ipblock'],
  ])('%s/%s calls policy after DNAT kindnet’s behaviour, not a rule', (labId, stepId) => {
    expect(step(labId, stepId).markdown).toMatch(/[Bb]ei kindnet|kindnet erst nach dem DNAT/);
  });

  it('04/ipblock no longer says 0.0.0.0/0 except the pod network shuts the cluster out', () => {
    const text = step('04-networkpolicy', 'ipblock').markdown;
    expect(text).not.toMatch(/[Cc]luster-intern nein/);
    expect(text).toMatch(/Knoten-IPs[^.]*hostNetwork[^.]*bleiben erreichbar/s);
  });

  it('04/egress-sperre builds on the DNS trap of lab 03 instead of teaching it again', () => {
    const text = step('04-networkpolicy', 'egress-sperre').markdown;
    expect(text).toMatch(/Übung 03/);
    expect(text).not.toMatch(/resolv\.conf/);
  });

  it.each(['03-dns', '04-networkpolicy'])(
    '%s has none of the German slips the review listed',
    (labId) => {
      const all =
        labs
          .find((l) => l.id === labId)
          ?.steps.map(readable)
          .join('\n') ?? '';
      expect(all.length).toBeGreaterThan(1000);
      for (const slip of [
        /nach der DNAT/,
        /stünde jetzt ins Leere/,
        /druckt iptables-save/,
        /kube-proxys DNAT/,
        /Replikaten/,
        /Primärknoten/,
        /default-Route/,
        /schickt der Knoten von/,
      ])
        expect(all).not.toMatch(slip);
    },
  );
});
