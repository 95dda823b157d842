import type { ConnectionExplanation, DirectionExplanation, RuleVerdict } from './explanation.js';

/** The German explanation shown to learners, one line per entry. */
export function renderExplanation(e: Omit<ConnectionExplanation, 'text'>): string[] {
  const target = `${e.port}/${e.protocol}`;
  return [
    `Verbindung ${e.from} → ${e.to} auf Port ${target}: ${e.allowed ? 'erlaubt' : 'blockiert'}.`,
    '',
    `Egress von ${e.from}:`,
    ...directionLines(e.egress, `Port ${target} zu ${e.to}`, e.to),
    '',
    `Ingress zu ${e.to}:`,
    ...directionLines(e.ingress, `Port ${target} von ${e.from}`, e.from),
  ];
}

function directionLines(d: DirectionExplanation, what: string, peer: string): string[] {
  const name = d.direction === 'egress' ? 'Egress' : 'Ingress';
  if (!d.isolated) {
    return [
      `  ${d.pod} ist für ${name} nicht isoliert: keine NetworkPolicy mit policyType ${name} wählt den Pod aus, also ist alles erlaubt.`,
    ];
  }
  const lines = [`  ${d.pod} ist für ${name} isoliert durch: ${d.isolatingPolicies.join(', ')}.`];
  const allowing = d.rules.filter((r) => r.peerMatches && r.portMatches);
  if (allowing.length > 0) {
    return [...lines, ...allowing.map((r) => `  ${ruleName(d, r)} erlaubt ${what}.`)];
  }
  lines.push(`  Keine ${name}-Regel von ${d.pod} erlaubt ${what}.`);
  for (const policy of d.isolatingPolicies) {
    const rules = d.rules.filter((r) => r.policy === policy);
    if (rules.length === 0) {
      lines.push(
        `  - ${policy} hat keine ${name}-Regeln und blockiert damit allen ${name}-Verkehr.`,
      );
    }
    for (const r of rules) lines.push(`  - ${ruleName(d, r)}: ${whyNot(d, r, peer)}`);
  }
  return lines;
}

function ruleName(d: DirectionExplanation, r: RuleVerdict): string {
  return `${r.policy} ${d.direction}[${r.ruleIndex}]`;
}

function whyNot(d: DirectionExplanation, r: RuleVerdict, peer: string): string {
  const peers = `${d.direction === 'egress' ? 'Zielen' : 'Quellen'} (${r.peers.join('; ')})`;
  const ports = `nur ${r.ports.join(', ')}`;
  if (!r.peerMatches && !r.portMatches) {
    return `${peer} gehört nicht zu den ${peers}, und der Port passt nicht (${ports}).`;
  }
  if (!r.peerMatches) return `${peer} gehört nicht zu den ${peers}.`;
  return `${peer} passt, aber der Port nicht (${ports}).`;
}
