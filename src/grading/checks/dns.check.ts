import net from 'node:net';
import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { CannotCheckError } from '../check-errors.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import { parseDigOutput, resolveDig, type DnsResolution } from '../dns/dig-output.js';
import { CLUSTER_DOMAIN, expectedAnswer, normalizeRecord } from '../dns/dns-expectation.js';
import { key } from '../../kube/cluster-objects.js';
import { probePods, type ProbePod } from '../refs/pod-refs.js';
import { failure, verdict } from '../outcome.js';
import { mapLimit } from '../probe/map-limit.js';
import { execInProbe } from '../probe/tool-exec.js';
import type { GradeInput } from '../step-grader.js';

type DnsSpec = Extract<CheckSpec, { kind: 'dns' }>;

/** dig waits 2 s per try, 2 tries, along up to 4 search-list names. */
const EXEC_TIMEOUT_MS = 20_000;

/**
 * Resolves the query with `dig` inside the source pod(s) and compares with what the cluster's
 * objects say the answer must be. `+search +showsearch` follows the pod's search list like an
 * application would (so `web` finds `web.<ns>.svc.cluster.local`) and shows every try.
 */
export class DnsCheck implements CheckEvaluator<'dns'> {
  readonly kind = 'dns' as const;

  async evaluate(spec: DnsSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const kube = await input.kube();
    const sources = await probePods(kube, spec.from);
    const expectation = await expectedAnswer(kube, spec);
    if ('unknown' in expectation) {
      return failure(spec, expectation.unknown, { observed: { expectedFrom: 'missing' } });
    }
    const expected = 'nxdomain' in expectation ? 'NXDOMAIN' : expectation.records;
    const handle = await input.handle();
    const results = await mapLimit(sources, 4, async (pod) => ({
      pod,
      resolution: await this.resolve(handle, pod, spec),
    }));
    const wrong = results.find(({ resolution }) => !matches(resolution, expected, spec.type));
    const shown = wrong ?? results[0];
    const observed = shown && {
      from: key(shown.pod),
      status: shown.resolution.status,
      answers: shown.resolution.answers.map((a) => normalizeRecord(a, spec.type)),
    };
    const query = `„${spec.query}“ (${spec.type})`;
    return verdict(spec, !wrong, {
      pass:
        expected === 'NXDOMAIN'
          ? `${query} gibt es nicht (NXDOMAIN), wie verlangt.`
          : `${query} löst zu ${expected.join(', ')} auf, wie verlangt.`,
      fail: wrong ? describe(query, key(wrong.pod), wrong.resolution, expected, spec.type) : '',
      value: observed?.answers.join(', '),
      expected,
      observed,
    });
  }

  private async resolve(
    handle: Awaited<ReturnType<GradeInput['handle']>>,
    pod: ProbePod,
    spec: DnsSpec,
  ): Promise<DnsResolution> {
    const tries = ['+time=2', '+tries=2'];
    const argv =
      spec.type === 'PTR' && net.isIP(spec.query)
        ? ['dig', ...tries, '-x', spec.query]
        : ['dig', '+search', '+showsearch', ...tries, spec.query, spec.type];
    const result = await execInProbe(handle, pod, argv, EXEC_TIMEOUT_MS);
    // dig: 0 answered (also NXDOMAIN), 9 no server reached; anything else is a misuse.
    if (result.exitCode !== 0 && result.exitCode !== 9) {
      throw new CannotCheckError(
        `dig im Prüf-Pod „${pod.name}“ (Namespace „${pod.namespace}“) ist gescheitert. Bitte gib der Kursleitung Bescheid.`,
        `exit ${result.exitCode}: ${result.stderr.trim()}`,
      );
    }
    return resolveDig(parseDigOutput(result.stdout), spec.type, CLUSTER_DOMAIN);
  }
}

function matches(resolution: DnsResolution, expected: string[] | 'NXDOMAIN', type: string) {
  if (expected === 'NXDOMAIN') return resolution.status === 'NXDOMAIN';
  const answers = [...new Set(resolution.answers.map((a) => normalizeRecord(a, type)))].sort();
  return resolution.status === 'NOERROR' && answers.join() === expected.join();
}

function describe(
  query: string,
  from: string,
  resolution: DnsResolution,
  expected: string[] | 'NXDOMAIN',
  type: string,
): string {
  const want =
    expected === 'NXDOMAIN' ? 'NXDOMAIN (den Namen sollte es nicht geben)' : expected.join(', ');
  switch (resolution.status) {
    case 'TIMEOUT':
      return `Von ${from} aus antwortet kein DNS-Server (Zeitüberschreitung). Blockiert eine NetworkPolicy DNS auf Port 53?`;
    case 'NXDOMAIN':
      return `${query} lässt sich von ${from} aus nicht auflösen (NXDOMAIN); verlangt: ${want}.`;
    case 'NOERROR': {
      const got = resolution.answers.map((a) => normalizeRecord(a, type)).join(', ');
      return `${query} löst von ${from} aus zu ${got} auf; verlangt: ${want}.`;
    }
    default:
      return `${query} liefert von ${from} aus keine Antwort (${resolution.status}); verlangt: ${want}.`;
  }
}
