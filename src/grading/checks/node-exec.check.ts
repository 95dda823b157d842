import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import {
  checkAssertion,
  describeAssertion,
  describeFinding,
  valueText,
} from '../field-assertion.js';
import { labPattern } from '../../labs/lab-pattern.js';
import { resolveNode } from '../refs/node-ref.js';
import { verdict } from '../outcome.js';
import { execOnNode } from '../probe/tool-exec.js';
import type { GradeInput } from '../step-grader.js';
import { isShellScript, shellLine } from '../../labs/shell-line.js';

type NodeExecSpec = Extract<CheckSpec, { kind: 'nodeExec' }>;

const EXEC_TIMEOUT_MS = 15_000;
/** Enough of the output for a learner to recognise it, small enough to store with every attempt. */
const SHOWN_OUTPUT = 2000;
/** Output short enough to quote in a sentence as the observed value (e.g. `0` from ip_forward). */
const QUOTABLE_OUTPUT = 80;

/** A read-only command in a node (e.g. `ip -j route`), with expectations on its exit code and output. */
export class NodeExecCheck implements CheckEvaluator<'nodeExec'> {
  readonly kind = 'nodeExec' as const;

  async evaluate(spec: NodeExecSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const handle = await input.handle();
    const node = await resolveNode(handle, spec.node);
    const where = `auf dem Knoten „${node.name}“`;
    const result = await execOnNode(handle, node.name, spec.command, EXEC_TIMEOUT_MS);
    // In a container lab the learner's shell is this node: the check's own command runs there.
    const runnable =
      spec.see ??
      (input.lab.environment === 'container' && !isShellScript(spec.command)
        ? shellLine(spec.command)
        : undefined);
    const said = runnable ? `\`${runnable}\`` : 'Die Prüfung auf dem Knoten';

    const { expect } = spec;
    const problems: string[] = [];
    const findings: string[] = [];
    const exitFailed = result.exitCode !== expect.exitCode;
    if (exitFailed) {
      problems.push(`der Befehl endete mit Exit-Code ${result.exitCode} statt ${expect.exitCode}`);
    }
    const out = result.stdout;
    if (expect.stdout?.contains !== undefined && !out.includes(expect.stdout.contains)) {
      problems.push(`die Ausgabe enthält „${expect.stdout.contains}“ nicht`);
      findings.push(`Die Ausgabe enthält „${expect.stdout.contains}“ noch nicht`);
    }
    if (expect.stdout?.notContains !== undefined && out.includes(expect.stdout.notContains)) {
      problems.push(`die Ausgabe enthält noch „${expect.stdout.notContains}“`);
      findings.push(`Die Ausgabe enthält noch „${expect.stdout.notContains}“`);
    }
    const matches = expect.stdout?.matches;
    if (matches !== undefined && !labPattern(matches, { multiline: true }).test(out)) {
      problems.push(`die Ausgabe passt nicht zu /${matches}/`);
      findings.push(`${said} zeigt noch nicht, was verlangt ist`);
    }
    const fields: Record<string, unknown> = {};
    const values: (string | undefined)[] = [];
    if (expect.json?.length) {
      const parsed = parseJson(out);
      if (parsed === undefined) {
        problems.push('die Ausgabe ist kein JSON');
        findings.push('Die Ausgabe ließ sich nicht lesen');
      } else {
        for (const assertion of expect.json) {
          const { path, holds, value } = checkAssertion(assertion, parsed);
          fields[path] = value;
          if (holds) continue;
          const found = valueText(value);
          problems.push(
            `${path} ist ${JSON.stringify(value)}, verlangt: ${describeAssertion(assertion)}`,
          );
          // Several paths that found nothing (no address at all) say so once.
          if (found !== undefined || !values.some((v) => v === undefined)) {
            findings.push(describeFinding(assertion, value));
          }
          values.push(found);
        }
      }
    } else if (!out.trim().includes('\n') && out.trim().length <= QUOTABLE_OUTPUT) {
      values.push(out.trim() || undefined);
    }
    // A failed command explains on its own why nothing else was found.
    const error = firstLine(result.stderr);
    const fail = exitFailed
      ? error
        ? `${said} meldet: \`${error}\``
        : `${said} ist gescheitert (Exit-Code ${result.exitCode})`
      : findings.join('; ');
    const command = spec.command.join(' ');
    return verdict(spec, problems.length === 0, {
      pass: `${said} zeigt, was verlangt ist.`,
      fail: `${fail}.`,
      detail:
        problems.length === 0
          ? `„${command}“ ${where} zeigt, was verlangt ist.`
          : `„${command}“ ${where}: ${problems.join('; ')}.`,
      value: exitFailed ? undefined : (values[0] ?? valueText(Object.values(fields)[0])),
      see: runnable,
      expected: expect,
      observed: {
        node: node.name,
        exitCode: result.exitCode,
        stdout: shorten(out),
        // Where a tool says what went wrong (ping: no route); hints may match it.
        ...(result.stderr.trim() ? { stderr: shorten(result.stderr) } : {}),
        ...(expect.json?.length ? { fields } : {}),
      },
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function shorten(text: string): string {
  return text.length > SHOWN_OUTPUT ? `${text.slice(0, SHOWN_OUTPUT)}…` : text;
}

function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
}
