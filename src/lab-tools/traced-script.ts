import type { TranscriptCommand } from '../grading/transcript-reader.repository.js';
import { scriptCommands } from '../labs/script-commands.js';

const BEGIN = '@@kubelab-begin';
const END = '@@kubelab-end';
/** Shell words that open or close a compound command: such a script is run untraced. */
const COMPOUND =
  /^\s*(for|while|until|if|then|else|elif|fi|do|done|case|esac|function)\b|^\s*[{}]\s*$|\(\)\s*\{?\s*$/;

export interface TracedScript {
  /** The script to run with `bash -s`; prints a marker before and after each command. */
  script: string;
  /** The commands as the learner's terminal would have recorded them. */
  read(stdout: string, startedAt: Date): TranscriptCommand[];
}

/**
 * A reference solution run so that each of its commands is recorded like a command typed in
 * the browser terminal (command line, exit code, output), for `transcript` checks in lab tests.
 * Scripts with loops or conditionals run as they are; their commands are then recorded with the
 * whole script's output.
 */
export function traceScript(script: string, preamble = ''): TracedScript {
  const commands = scriptCommands(script);
  const lines = script.split('\n');
  const traceable = !lines.some((line) => COMPOUND.test(line));
  const record =
    (output: (index: number) => { output: string; exitCode: number | null }) =>
    (startedAt: Date): TranscriptCommand[] =>
      commands.map((command, index) => ({
        terminal: 'labs-test',
        command: command.text,
        ...output(index),
        startedAt,
      }));
  if (!traceable) {
    return {
      script: `${preamble}exec 2>&1\n${script}`,
      read: (stdout, startedAt) => record(() => ({ output: stdout, exitCode: 0 }))(startedAt),
    };
  }
  const body = commands
    .map((command, index) =>
      [
        `printf '\\n${BEGIN} %d\\n' ${index}`,
        ...lines.slice(command.line - 1, command.endLine),
        `printf '\\n${END} %d %d\\n' ${index} "$?"`,
      ].join('\n'),
    )
    .join('\n');
  const shellOptions = lines.filter((line) => /^\s*set\s+-/.test(line)).join('\n');
  return {
    script: `${preamble}exec 2>&1\n${shellOptions}\n${body}\n`,
    read: (stdout, startedAt) => {
      const outputs = parseMarkers(stdout);
      return record((index) => outputs.get(index) ?? { output: '', exitCode: null })(startedAt);
    },
  };
}

function parseMarkers(stdout: string): Map<number, { output: string; exitCode: number | null }> {
  const found = new Map<number, { output: string; exitCode: number | null }>();
  const pattern = new RegExp(`\\n?${BEGIN} (\\d+)\\n([\\s\\S]*?)\\n${END} \\1 (\\d+)\\n`, 'g');
  for (const match of stdout.matchAll(pattern)) {
    found.set(Number(match[1]), { output: match[2] ?? '', exitCode: Number(match[3]) });
  }
  return found;
}
