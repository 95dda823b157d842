import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import {
  checkAssertion,
  describeAssertion,
  describeFinding,
  valueText,
} from '../field-assertion.js';
import { stripBraces } from '../../kube/json-path.js';
import type { KubeObject } from '../../kube/kube-reader.js';
import { describeRef, readObjects } from '../refs/object-refs.js';
import { verdict } from '../outcome.js';
import { shellLine } from '../../labs/shell-line.js';
import type { GradeInput } from '../step-grader.js';

type ResourceSpec = Extract<CheckSpec, { kind: 'resource' }>;

/**
 * An object exists or is absent, a selector picks a number of objects, fields have values.
 * With a name, field paths read the object. Without one, a path starting with `.items` reads the
 * list (`{.items[0].spec.podCIDR}`); any other path must hold for every selected object.
 * With `createdInStep`, none of them may be older than the step.
 */
export class ResourceCheck implements CheckEvaluator<'resource'> {
  readonly kind = 'resource' as const;

  async evaluate(spec: ResourceSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const ref = spec.object;
    const objects = await readObjects(await input.kube(), ref);
    const what = describeRef(ref);
    const count = objects.length;

    if (spec.expect === 'absent') {
      return verdict(spec, count === 0, {
        see: kubectlGet(ref),
        pass: `${what}: nicht (mehr) vorhanden, wie verlangt.`,
        fail: `${what}: noch vorhanden, sollte aber weg sein.`,
        value: String(count),
        expected: { absent: true },
        observed: { count },
      });
    }

    // `problems` name the field paths for the instructor, `findings` say the same for the learner.
    const problems: string[] = [];
    const findings: string[] = [];
    let value: string | undefined;
    const { equals, min, max } = spec.count ?? {};
    if (count === 0 && (ref.name || spec.count === undefined)) {
      problems.push('gibt es noch nicht');
      findings.push('gibt es noch nicht');
    } else if (
      (equals !== undefined && count !== equals) ||
      (min !== undefined && count < min) ||
      (max !== undefined && count > max)
    ) {
      problems.push(`${count} gefunden, verlangt: ${describeCount(spec.count ?? {})}`);
      findings.push(`${count} gefunden, verlangt: ${describeCount(spec.count ?? {})}`);
      value = String(count);
    }

    const older = spec.createdInStep
      ? objects.filter((o) => createdBefore(o, input.stepStartedAt)).length
      : 0;
    if (older > 0) {
      problems.push(`${older} von ${count} gab es schon, bevor dieser Schritt begann`);
      findings.push(`${older} von ${count} gab es schon, bevor dieser Schritt begann`);
    }

    const fields: Record<string, unknown> = {};
    if (count > 0) {
      for (const assertion of spec.fields) {
        const path = stripBraces(assertion.path);
        const onList = !ref.name && path.startsWith('.items');
        const targets = onList ? [{ kind: 'List', items: objects }] : objects;
        const results = targets.map((t) => checkAssertion(assertion, t));
        fields[path] = results.length === 1 ? results[0]?.value : results.map((r) => r.value);
        const failed = results.find((r) => !r.holds);
        if (failed) {
          problems.push(
            `${path} ist ${JSON.stringify(failed.value)}, verlangt: ${describeAssertion(assertion)}`,
          );
          findings.push(describeFinding(assertion, failed.value));
          value ??= valueText(failed.value);
        }
      }
    }
    return verdict(spec, problems.length === 0, {
      see: kubectlGet(ref),
      pass: `${what}: vorhanden und wie verlangt.`,
      fail: `${what}: ${findings.join('; ')}.`,
      detail: problems.length ? `${what}: ${problems.join('; ')}.` : undefined,
      value,
      expected: { count: spec.count ?? { min: 1 }, fields: spec.fields },
      observed: {
        count,
        ...(spec.createdInStep ? { createdBeforeStep: older } : {}),
        ...(spec.fields.length > 0 ? { fields } : {}),
      },
    });
  }
}

function describeCount({ equals, min, max }: { equals?: number; min?: number; max?: number }) {
  if (equals !== undefined) return `genau ${equals}`;
  if (min !== undefined && max !== undefined) return `${min} bis ${max}`;
  if (min !== undefined) return `mindestens ${min}`;
  return `höchstens ${max ?? 0}`;
}

/**
 * creationTimestamp has whole seconds, so an object from the step's first second counts as new.
 * An object without one cannot be told apart from an old one.
 */
function createdBefore(object: KubeObject, moment: Date): boolean {
  const metadata = object.metadata as { creationTimestamp?: string } | undefined;
  const created = Date.parse(metadata?.creationTimestamp ?? '');
  return !Number.isFinite(created) || created < Math.floor(moment.getTime() / 1000) * 1000;
}

/** The kubectl line that shows the learner what this check reads (kubectl takes the kind's name). */
function kubectlGet(ref: ResourceSpec['object']): string {
  const kind = ref.kind.toLowerCase();
  const words = ['kubectl', ...(ref.namespace ? ['-n', ref.namespace] : []), 'get', kind];
  if (ref.name) words.push(ref.name);
  if (ref.selector) words.push('-l', ref.selector);
  words.push('-o', kind === 'pod' || !ref.name ? 'wide' : 'yaml');
  return shellLine(words);
}
