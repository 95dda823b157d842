import { CannotCheckError } from '../check-errors.js';
import type { CheckEvaluator, CheckOutcome, CheckSpecOf } from '../check-evaluator.js';
import { key } from '../../kube/cluster-objects.js';
import { probePods } from '../refs/pod-refs.js';
import { failure, verdict } from '../outcome.js';
import { CONNECT_FAILURE_TEXT } from '../../clusters/probe/agnhost-connect.js';
import { runProbes, type Probe, type ProbeOutcome } from '../probe/probe-runner.js';
import { resolveTarget } from '../probe/probe-target.js';
import type { GradeInput } from '../step-grader.js';

/**
 * From the source pod(s) to a pod, service, IP or name: every connection allowed, or none.
 * As in Kubernetes' own NetworkPolicy e2e tests, any failure (TIMEOUT, REFUSED, DNS, OTHER)
 * counts as denied; `observed` keeps the reason, so hints can tell a drop from a closed port.
 */
export class ConnectivityCheck implements CheckEvaluator<'connectivity'> {
  readonly kind = 'connectivity' as const;

  async evaluate(spec: CheckSpecOf<'connectivity'>, input: GradeInput): Promise<CheckOutcome> {
    const { to } = spec;
    const allow = spec.expect === 'allow';
    const where = `auf Port ${to.port}/${to.protocol}`;
    const expected = { expect: spec.expect, port: to.port, protocol: to.protocol };
    const kube = await input.kube();
    const sources = await probePods(kube, spec.from);
    const resolution = await resolveTarget(kube, to, spec.from.namespace);
    if ('missing' in resolution) {
      return failure(spec, resolution.missing, { expected, observed: { target: 'missing' } });
    }
    const probes: Probe[] = sources.flatMap((source) =>
      resolution.targets
        .filter((target) => target.podKey !== key(source))
        .map((target) => ({
          source,
          targetLabel: target.label,
          host: target.host,
          port: target.port ?? to.port,
          protocol: to.protocol,
          expectConnected: allow,
        })),
    );
    if (probes.length === 0) {
      throw new CannotCheckError(
        'Diese Prüfung würde einen Pod nur mit sich selbst verbinden. Bitte gib der Kursleitung Bescheid.',
      );
    }
    const outcomes = await runProbes(await input.handle(), probes);
    const observed = outcomes.map((o) => ({
      from: key(o.source),
      to: o.targetLabel,
      result: o.result,
    }));
    const wrong = outcomes.filter((o) => (o.result === 'connected') !== allow);
    const targets = [...new Set(probes.map((p) => p.targetLabel))].join(', ');
    return verdict(spec, wrong.length === 0, {
      pass: allow
        ? `Die Verbindung zu ${targets} ${where} klappt.`
        : `Die Verbindung zu ${targets} ${where} ist wie gewünscht blockiert.`,
      fail: describeWrong(wrong, where, allow),
      expected,
      observed,
    });
  }
}

function describeWrong(wrong: ProbeOutcome[], where: string, allow: boolean): string {
  const [first] = wrong;
  if (!first) return '';
  const rest = wrong.length - 1;
  const more = rest > 0 ? ` (und ${rest} weitere Verbindung${rest > 1 ? 'en' : ''})` : '';
  const route = `von ${key(first.source)} zu ${first.targetLabel} ${where}`;
  if (allow && first.result !== 'connected') {
    return `Die Verbindung ${route} kommt nicht zustande: ${CONNECT_FAILURE_TEXT[first.result]}${more}.`;
  }
  return `Die Verbindung ${route} kommt noch zustande, sollte aber blockiert sein${more}.`;
}
