import { execa } from 'execa';
import type { PreflightItem } from './preflight.types.js';

/** kubectl is optional for the server (it talks to the API itself) but handy for `labs:test`. */
export async function probeKubectl(bin = 'kubectl'): Promise<PreflightItem> {
  const base = { id: 'kubectl', label: 'kubectl CLI (optional)', required: false };
  const result = await execa(bin, ['version', '--client', '-o', 'json'], {
    reject: false,
    timeout: 10_000,
  });
  const match = /"gitVersion":\s*"(v[^"]+)"/.exec(String(result.stdout));
  if (result.exitCode === 0 && match) return { ...base, ok: true, found: match[1] };
  return {
    ...base,
    ok: false,
    problem: 'kubectl not found',
    fixEn: 'Install kubectl to inspect clusters by hand (https://kubernetes.io/docs/tasks/tools/).',
    problemDe: 'kubectl ist nicht installiert.',
    fixDe:
      'kubectl installieren, um Cluster von Hand anzusehen (https://kubernetes.io/docs/tasks/tools/).',
  };
}
