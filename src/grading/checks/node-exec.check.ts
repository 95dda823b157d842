import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import { checkAssertion, describeAssertion } from '../field-assertion.js';
import { labPattern } from '../../labs/lab-pattern.js';
import { resolveNode } from '../refs/node-ref.js';
import { verdict } from '../outcome.js';
import { execOnNode } from '../probe/tool-exec.js';
import type { GradeInput } from '../step-grader.js';

type NodeExecSpec = Extract<CheckSpec, { kind: 'nodeExec' }>;

const EXEC_TIMEOUT_MS = 15_000;
/** Enough of the output for a learner to recognise it, small enough to store with every attempt. */
const SHOWN_OUTPUT = 2000;

/** A read-only command in a node (e.g. `ip -j route`), with expectations on its exit code and output. */
export class NodeExecCheck implements CheckEvaluator<'nodeExec'> {
  readonly kind = 'nodeExec' as const;

  async evaluate(spec: NodeExecSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const handle = await input.handle();
    const node = await resolveNode(handle, spec.node);
    const where = `auf dem Knoten „${node.name}“`;
    const result = await execOnNode(handle, node.name, spec.command, EXEC_TIMEOUT_MS);

    const { expect } = spec;
    const problems: string[] = [];
    if (result.exitCode !== expect.exitCode) {
      problems.push(`der Befehl endete mit Exit-Code ${result.exitCode} statt ${expect.exitCode}`);
    }
    const out = result.stdout;
    if (expect.stdout?.contains !== undefined && !out.includes(expect.stdout.contains)) {
      problems.push(`die Ausgabe enthält „${expect.stdout.contains}“ nicht`);
    }
    if (expect.stdout?.notContains !== undefined && out.includes(expect.stdout.notContains)) {
      problems.push(`die Ausgabe enthält noch „${expect.stdout.notContains}“`);
    }
    const matches = expect.stdout?.matches;
    if (matches !== undefined && !labPattern(matches, { multiline: true }).test(out)) {
      problems.push(`die Ausgabe passt nicht zu /${matches}/`);
    }
    const fields: Record<string, unknown> = {};
    if (expect.json?.length) {
      const parsed = parseJson(out);
      if (parsed === undefined) {
        problems.push('die Ausgabe ist kein JSON');
      } else {
        for (const assertion of expect.json) {
          const { path, holds, value } = checkAssertion(assertion, parsed);
          fields[path] = value;
          if (!holds) {
            problems.push(
              `${path} ist ${JSON.stringify(value)}, verlangt: ${describeAssertion(assertion)}`,
            );
          }
        }
      }
    }
    const command = spec.command.join(' ');
    return verdict(
      spec,
      problems.length === 0,
      {
        pass: `„${command}“ ${where} zeigt, was verlangt ist.`,
        fail: `„${command}“ ${where}: ${problems.join('; ')}.`,
      },
      {
        expected: expect,
        observed: {
          node: node.name,
          exitCode: result.exitCode,
          stdout: out.length > SHOWN_OUTPUT ? `${out.slice(0, SHOWN_OUTPUT)}…` : out,
          ...(expect.json?.length ? { fields } : {}),
        },
      },
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
