import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import { labPattern } from '../../labs/lab-pattern.js';
import { verdict } from '../outcome.js';
import { commandOnNode } from '../wording/node-command-form.js';
import type { GradeInput } from '../step-grader.js';

type TranscriptSpec = Extract<CheckSpec, { kind: 'transcript' }>;

/** The whole session: any date before it started. */
const SESSION_START = new Date(0);

/** The learner ran a command of a given shape (optionally with exit code and output) in the terminal. */
export class TranscriptCheck implements CheckEvaluator<'transcript'> {
  readonly kind = 'transcript' as const;

  async evaluate(spec: TranscriptSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const since = spec.since === 'step' ? input.stepStartedAt : SESSION_START;
    const commands = await input.transcript(since);
    const command = labPattern(spec.command);
    const output =
      spec.output === undefined ? undefined : labPattern(spec.output, { multiline: true });
    // Shared mode's `knoten <node> <cmd…>` counts as `<cmd…>` typed in that node.
    const shaped = commands.filter((c) =>
      [c.command.trim(), commandOnNode(c.command)].some(
        (typed) => typed !== undefined && command.test(typed),
      ),
    );
    const matching = shaped.filter(
      (c) =>
        (spec.exitCode === undefined || c.exitCode === spec.exitCode) &&
        (output === undefined || output.test(c.output)),
    );
    const last = shaped.at(-1);
    const scope = spec.since === 'step' ? 'in diesem Schritt' : 'in dieser Sitzung';
    let fail = `Du hast ${scope} noch keinen passenden Befehl im Terminal ausgeführt.`;
    if (last && spec.exitCode !== undefined && last.exitCode !== spec.exitCode) {
      fail = `Der Befehl \`${last.command}\` ist mit Exit-Code ${last.exitCode ?? 'unbekannt'} geendet – sieh dir seine Fehlermeldung an.`;
    } else if (last) {
      fail = `Der Befehl \`${last.command}\` hat nicht ausgegeben, was verlangt ist.`;
    }
    const wanted = [
      `ein Befehl passend zu /${spec.command}/`,
      ...(spec.exitCode !== undefined ? [`Exit-Code ${spec.exitCode}`] : []),
      ...(spec.output !== undefined ? [`Ausgabe passend zu /${spec.output}/`] : []),
    ].join(', ');
    const ran = matching.at(-1) ?? last;
    return verdict(spec, matching.length > 0, {
      pass: `Du hast \`${ran?.command ?? ''}\` ausgeführt.`,
      fail,
      detail: `Verlangt ${scope}: ${wanted}. Gesehen: ${commands.length} Befehle, ${shaped.length} von passender Form, ${matching.length} passend${last ? `; zuletzt „${last.command}“ mit Exit-Code ${last.exitCode ?? 'unbekannt'}` : ''}.`,
      value: ran?.command,
      expected: {
        command: spec.command,
        ...(spec.exitCode !== undefined ? { exitCode: spec.exitCode } : {}),
        ...(spec.output !== undefined ? { output: spec.output } : {}),
      },
      observed: {
        commands: commands.length,
        matching: matching.length,
        ...(last ? { last: last.command, exitCode: last.exitCode } : {}),
      },
    });
  }
}
