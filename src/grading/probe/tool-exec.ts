import {
  EnvironmentTamperedError,
  type EnvironmentHandle,
  type ExecResult,
} from '../../clusters/environment-handle.js';
import { CannotCheckError } from '../check-errors.js';
import type { ProbePod } from '../refs/pod-refs.js';

/** How container runtimes and shells report a binary that is not there. */
const MISSING_TOOL = /executable file not found|no such file or directory|: not found/i;

/**
 * Runs a measuring tool in a probe pod. Failing to run it at all (exec error, missing tool,
 * no answer in time) is the check's problem, not a measurement: it throws CannotCheckError.
 */
export async function execInProbe(
  handle: EnvironmentHandle,
  pod: ProbePod,
  argv: string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const where = `im Prüf-Pod „${pod.name}“ (Namespace „${pod.namespace}“)`;
  let result: ExecResult;
  try {
    result = await handle.execInPod(pod.namespace, pod.name, pod.container, argv, { timeoutMs });
  } catch (error) {
    throw new CannotCheckError(
      `Die Messung ${where} ließ sich nicht starten. Bitte prüfe gleich noch einmal.`,
      error instanceof Error ? error.message : String(error),
    );
  }
  return checkExecResult(result, argv, where);
}

/** Runs a command in a node (argv, never a shell string); failing to run it throws CannotCheckError. */
export async function execOnNode(
  handle: EnvironmentHandle,
  node: string,
  argv: string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const where = `auf dem Knoten „${node}“`;
  let result: ExecResult;
  try {
    result = await handle.execInNode(node, argv, { timeoutMs });
  } catch (error) {
    if (error instanceof EnvironmentTamperedError) throw tampered(error, where);
    throw new CannotCheckError(
      `Der Befehl ${where} ließ sich nicht starten. Bitte prüfe gleich noch einmal.`,
      error instanceof Error ? error.message : String(error),
    );
  }
  return checkExecResult(result, argv, where);
}

export function checkExecResult(result: ExecResult, argv: string[], where: string): ExecResult {
  if (result.timedOut) {
    throw new CannotCheckError(
      `Die Messung ${where} hat nicht rechtzeitig geantwortet. Bitte prüfe gleich noch einmal.`,
    );
  }
  const missing =
    result.exitCode === 126 ||
    result.exitCode === 127 ||
    (result.exitCode !== 0 &&
      MISSING_TOOL.test(result.stderr) &&
      result.stderr.includes(argv[0] ?? ''));
  if (missing) {
    throw new CannotCheckError(
      `Das Messwerkzeug „${argv[0] ?? ''}“ fehlt ${where}. Bitte gib der Kursleitung Bescheid.`,
      result.stderr.trim(),
    );
  }
  return result;
}

/** The learner hid a program of the image behind a mount: say which, and how to undo it. */
function tampered(error: EnvironmentTamperedError, where: string): CannotCheckError {
  const paths = error.paths.map((p) => `„${p}“`).join(', ');
  return new CannotCheckError(
    `Die Prüfung ${where} kann deinem Knoten gerade nicht trauen: Über ${paths} ist etwas eingehängt (mount). ` +
      `Hänge es wieder aus (umount ${error.paths[0] ?? '…'}) und prüfe noch einmal.`,
    error.message,
  );
}
